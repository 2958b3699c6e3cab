package app.fanloop.suggestion;

import org.jboss.resteasy.reactive.RestForm;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A suggestion or bug report as typed; the bug fields are required only for bugs (checked in the service). */
public record SuggestionForm(
        @RestForm String kind,
        @RestForm @NotBlank @Size(min = 2, max = 120) String title,
        @RestForm @NotBlank @Size(max = 20000) String body,
        @RestForm @Size(max = 80) String deviceModel,
        @RestForm @Size(max = 80) String systemVersion,
        @RestForm String frequency,
        @RestForm @Size(max = 5000) String steps,
        /** The build a bug report on a beta program's private board was found on (only asked there). */
        @RestForm @Size(max = 60) String build) {

    public static SuggestionForm empty(SuggestionKind kind) {
        return new SuggestionForm(kind.name(), "", "", "", "", "", "", "");
    }

    public static SuggestionForm of(Suggestion s) {
        return new SuggestionForm(s.kind.name(), s.title, s.body, s.deviceModel, s.systemVersion,
                s.frequency == null ? "" : s.frequency.name(), s.steps, s.build);
    }

    /** The same form with a device's model and system version in the fields that were left empty. */
    public SuggestionForm withDevice(String model, String version) {
        return new SuggestionForm(kind, title, body, blank(deviceModel) ? model : deviceModel,
                blank(systemVersion) ? version : systemVersion, frequency, steps, build);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    public boolean isBug() {
        return SuggestionKind.BUG.name().equalsIgnoreCase(kind);
    }
}
