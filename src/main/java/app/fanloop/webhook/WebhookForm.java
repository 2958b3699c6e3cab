package app.fanloop.webhook;

import java.util.List;

import org.jboss.resteasy.reactive.RestForm;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What an admin types to add a webhook endpoint: where, a note, which events. */
public record WebhookForm(
        @RestForm @NotBlank @Size(max = 2000) String url,
        @RestForm @Size(max = 200) String description,
        @RestForm List<String> events) {

    public static WebhookForm empty() {
        return new WebhookForm("", "", List.of());
    }

    public List<String> chosen() {
        return events == null ? List.of() : events;
    }

    public boolean has(String wireName) {
        return chosen().contains(wireName);
    }
}
