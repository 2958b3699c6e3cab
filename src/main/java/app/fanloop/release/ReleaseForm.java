package app.fanloop.release;

import org.jboss.resteasy.reactive.RestForm;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A release's head as a PM types it: version, channel, ISO week (2025-W47), a Markdown summary and the beta program
 * it was written for (blank: none, public once published).
 */
public record ReleaseForm(
        @RestForm @NotBlank @Size(max = 60) String version,
        @RestForm @NotBlank String channel,
        @RestForm @NotBlank @Pattern(regexp = "[0-9]{4}-W[0-9]{2}") String week,
        @RestForm @Size(max = 20000) String summary,
        @RestForm @Pattern(regexp = "[0-9]{0,18}") String program) {

    public static ReleaseForm of(Release release) {
        return new ReleaseForm(release.version, release.channel.name(), release.week, release.summary,
                release.programId == null ? "" : release.programId.toString());
    }

    /** The program chosen, or null. */
    public Long programId() {
        return program == null || program.isBlank() ? null : Long.valueOf(program.strip());
    }
}
