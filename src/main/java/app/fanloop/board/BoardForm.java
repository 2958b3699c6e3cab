package app.fanloop.board;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jboss.resteasy.reactive.RestForm;

/** What an admin types to create or edit a board. */
public record BoardForm(
        @RestForm @NotBlank @Size(max = 60) @Pattern(regexp = "[a-z0-9][a-z0-9-]*") String slug,
        @RestForm @NotBlank @Size(max = 80) String name,
        @RestForm @Size(max = 80) String nameEn,
        @RestForm @Size(max = 500) String description,
        @RestForm @Size(max = 500) String descriptionEn,
        @RestForm boolean acceptsSuggestions,
        @RestForm boolean acceptsBugs) {

    public static BoardForm of(Board board) {
        return new BoardForm(board.slug, board.name, board.nameEn, board.description, board.descriptionEn,
                board.acceptsSuggestions, board.acceptsBugs);
    }

    public static BoardForm empty() {
        return new BoardForm("", "", "", "", "", true, true);
    }

    @AssertTrue(message = "kinds")
    public boolean isAcceptingSomething() {
        return acceptsSuggestions || acceptsBugs;
    }
}
