package app.fanloop.webhook;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the webhook administration, in simplified Chinese (the default) and English. The texts live in
 * messages/wh_zh.properties and messages/wh_en.properties; templates use them as {wh:key}.
 */
@MessageBundle(value = "wh", locale = "zh")
public interface WebhookMessages {

    @Message
    String admin_webhooks_title();

    @Message
    String webhooks_intro();

    @Message
    String webhook_new();

    @Message
    String webhook_url();

    @Message
    String webhook_url_hint();

    @Message
    String webhook_description();

    @Message
    String webhook_events();

    @Message
    String webhook_create();

    @Message
    String webhook_none();

    @Message
    String webhook_state();

    @Message
    String webhook_enabled();

    @Message
    String webhook_disabled();

    @Message
    String webhook_disabled_failures();

    @Message
    String webhook_failures(int count);

    @Message
    String webhook_open();

    @Message
    String webhook_enable();

    @Message
    String webhook_disable();

    @Message
    String webhook_send_test();

    @Message
    String webhook_test_queued();

    @Message
    String webhook_secret_title();

    @Message
    String webhook_secret_hint();

    @Message
    String webhook_verify_hint();

    @Message
    String webhook_created_at();

    @Message
    String webhook_no_delete();

    @Message
    String webhook_deliveries();

    @Message
    String webhook_no_deliveries();

    @Message
    String delivery_event();

    @Message
    String delivery_status();

    @Message
    String delivery_code();

    @Message
    String delivery_time();

    @Message
    String delivery_attempts();

    @Message
    String delivery_error();

    @Message
    String delivery_when();

    @Message
    String delivery_next();

    @Message
    String delivery_ms(int ms);

    @Message
    String delivery_pending();

    @Message
    String delivery_delivered();

    @Message
    String delivery_failed();

    @Message
    String delivery_skipped();

    @Message
    String event_suggestion_created();

    @Message
    String event_suggestion_status_changed();

    @Message
    String event_comment_created();

    @Message
    String event_official_response_created();

    @Message
    String event_suggestion_merged();

    @Message
    String event_feature_item_changed();

    @Message
    String event_release_published();

    @Message
    String event_webhook_test();
}
