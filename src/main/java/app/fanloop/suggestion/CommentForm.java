package app.fanloop.suggestion;

import org.jboss.resteasy.reactive.RestForm;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A comment, a reply (with the comment it answers) or, from staff, an official response. */
public record CommentForm(
        @RestForm @NotBlank @Size(max = 20000) String body,
        @RestForm Long parentId,
        @RestForm boolean official) {
}
