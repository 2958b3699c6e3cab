package app.fanloop.webhook;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import app.fanloop.event.EventKind;

/** The events an endpoint may choose, by the name receivers see in the payload's type and Fanloop-Event. */
public enum WebhookEventType {
    SUGGESTION_CREATED("suggestion.created"),
    SUGGESTION_STATUS_CHANGED("suggestion.status_changed"),
    COMMENT_CREATED("comment.created"),
    OFFICIAL_RESPONSE_CREATED("official_response.created"),
    SUGGESTION_MERGED("suggestion.merged"),
    FEATURE_ITEM_CHANGED("feature_item.changed"),
    RELEASE_PUBLISHED("release.published");

    /** The type of the event an admin sends with "send a test event"; every endpoint may receive it. */
    public static final String TEST = "webhook.test";

    public final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = wireName;
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(t -> t.wireName).toList();
    }

    public static Optional<WebhookEventType> parse(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }

    /** Which webhook event a domain event is, if any. */
    public static Optional<WebhookEventType> of(EventKind kind) {
        return Optional.ofNullable(switch (kind) {
            case SUGGESTION_POSTED -> SUGGESTION_CREATED;
            case SUGGESTION_STATUS_CHANGED -> SUGGESTION_STATUS_CHANGED;
            case COMMENT_POSTED, COMMENT_REPLY -> COMMENT_CREATED;
            case OFFICIAL_RESPONSE -> OFFICIAL_RESPONSE_CREATED;
            case SUGGESTION_MERGED -> SUGGESTION_MERGED;
            case FEATURE_ITEM_CREATED, FEATURE_ITEM_UPDATED, FEATURE_ITEM_STATUS_CHANGED, FEATURE_ITEM_LINKED,
                    FEATURE_ITEM_UNLINKED -> FEATURE_ITEM_CHANGED;
            case RELEASE_PUBLISHED -> RELEASE_PUBLISHED;
            default -> null;
        });
    }
}
