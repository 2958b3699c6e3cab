package app.fanloop.webhook;

import app.fanloop.web.Locales;
import io.quarkus.qute.TemplateExtension;

/** The words for event types and delivery results in the reader's language ({t.eventLabel}, {d.status.label}). */
@TemplateExtension
public class WebhookLabels {

    static String eventLabel(String wireName, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        WebhookMessages msg = Locales.messages(WebhookMessages.class, locale);
        return switch (wireName) {
            case "suggestion.created" -> msg.event_suggestion_created();
            case "suggestion.status_changed" -> msg.event_suggestion_status_changed();
            case "comment.created" -> msg.event_comment_created();
            case "official_response.created" -> msg.event_official_response_created();
            case "suggestion.merged" -> msg.event_suggestion_merged();
            case "feature_item.changed" -> msg.event_feature_item_changed();
            case "release.published" -> msg.event_release_published();
            case WebhookEventType.TEST -> msg.event_webhook_test();
            default -> wireName;
        };
    }

    static String label(WebhookDelivery.Status status, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        WebhookMessages msg = Locales.messages(WebhookMessages.class, locale);
        return switch (status) {
            case PENDING -> msg.delivery_pending();
            case DELIVERED -> msg.delivery_delivered();
            case FAILED -> msg.delivery_failed();
            case SKIPPED -> msg.delivery_skipped();
        };
    }
}
