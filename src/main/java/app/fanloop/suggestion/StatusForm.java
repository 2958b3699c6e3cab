package app.fanloop.suggestion;

import org.jboss.resteasy.reactive.RestForm;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A PM's status change, with a note (required when declining). */
public record StatusForm(
        @RestForm @NotBlank String status,
        @RestForm @Size(max = 2000) String note) {
}
