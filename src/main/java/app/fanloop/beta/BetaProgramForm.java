package app.fanloop.beta;

import org.jboss.resteasy.reactive.RestForm;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a PM types to open a program. The window is two {@code datetime-local} values in the site's zone; the
 * questions are optional; {@code weeklyPosts} 0 means no participation requirement.
 */
public record BetaProgramForm(
        @RestForm @NotBlank @Size(max = 54) @Pattern(regexp = "[a-z0-9][a-z0-9-]*") String slug,
        @RestForm @NotBlank @Size(max = 120) String name,
        @RestForm @Size(max = 20000) String description,
        @RestForm @Size(max = 300) String devices,
        @RestForm @NotNull @Min(1) @Max(100000) Integer places,
        @RestForm @NotBlank @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?") String appliesFrom,
        @RestForm @NotBlank @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?") String appliesUntil,
        @RestForm @Min(0) @Max(10) Integer minLevel,
        @RestForm @Size(max = 300) String question1,
        @RestForm @Size(max = 300) String question2,
        @RestForm @NotBlank @Pattern(regexp = "DEV|STABLE") String channel,
        @RestForm @Min(0) @Max(50) Integer weeklyPosts) {

    public static BetaProgramForm empty(String from, String until) {
        return new BetaProgramForm("", "", "", "", 100, from, until, 0, "", "", "DEV", 1);
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
