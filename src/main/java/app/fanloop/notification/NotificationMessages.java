package app.fanloop.notification;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of notifications, their e-mails and unsubscribing, in simplified Chinese (the default) and English. The texts live in
 * messages/ntf_zh.properties and messages/ntf_en.properties; templates use them as {ntf:key}.
 */
@MessageBundle(value = "ntf", locale = "zh")
public interface NotificationMessages {

    @Message
    String notifications_intro();

    @Message
    String notifications_settings();

    @Message
    String notifications_empty();

    @Message
    String notifications_unread();

    @Message
    String notifications_mark_read();

    @Message
    String notifications_read_all();

    @Message
    String notification_status(String title, String status);

    @Message
    String notification_official(String title);

    @Message
    String notification_reply(String name, String title);

    @Message
    String notification_mine_shipped(String title, String version, String channel);

    @Message
    String notification_mine_shipped_many(int count, String version, String channel);

    @Message
    String notification_shipped(String title, String version, String channel);

    @Message
    String notification_shipped_many(int count, String version, String channel);

    @Message
    String notification_merged(String title, String into);

    @Message
    String notification_release(String channel, String version);

    @Message
    String notification_posted(String board, String title);

    @Message
    String notification_webhook_disabled(String url, String failures);

    @Message
    String notification_beta_accepted(String program);

    @Message
    String notification_beta_waitlisted(String program);

    @Message
    String notification_beta_declined(String program);

    @Message
    String notification_beta_removed(String program);

    @Message
    String notification_beta_changed(String program);

    @Message
    String email_mode_off();

    @Message
    String email_mode_immediate();

    @Message
    String email_mode_weekly();

    @Message
    String mail_heading(String name);

    @Message
    String mail_intro_now();

    @Message
    String mail_subject_many(int count);

    @Message
    String mail_more(int count);

    @Message
    String mail_open_notifications();

    @Message
    String mail_footer_why();

    @Message
    String mail_settings();

    @Message
    String mail_unsubscribe();

    @Message
    String digest_heading(int week);

    @Message
    String digest_intro(int count);

    @Message
    String digest_subject(int count, int week);

    @Message
    String unsubscribe_title();

    @Message
    String unsubscribe_question(String name);

    @Message
    String unsubscribe_submit();

    @Message
    String unsubscribe_done(String name);

    @Message
    String unsubscribe_again();

    // /admin/mail

    @Message
    String mail_admin_title();

    @Message
    String mail_admin_intro(int attempts);

    @Message
    String mail_failed_last_day();

    @Message
    String mail_pending();

    @Message
    String mail_oldest_pending();

    @Message
    String mail_retrying();

    @Message
    String mail_given_up();

    @Message
    String mail_failures_open();

    @Message
    String mail_failures_resolved();

    @Message
    String mail_failure_member();

    @Message
    String mail_failure_kind();

    @Message
    String mail_kind_immediate();

    @Message
    String mail_kind_digest();

    @Message
    String mail_failure_attempts();

    @Message
    String mail_failure_error();

    @Message
    String mail_failure_last();

    @Message
    String mail_failure_next();

    @Message
    String mail_failure_resolved_at();

    @Message
    String mail_retry();

    @Message
    String mail_failures_none();

    @Message
    String mail_resolved_none();

    @Message
    String mail_none_pending();

    @Message
    String mail_retry_queued();

    @Message
    String notification_mention(String name, String title);

    @Message
    String notification_mention_comment(String name, String title);

    @Message
    String notification_hidden(String title);

    @Message
    String notification_hidden_comment(String title);

    @Message
    String notice_hidden_by_reports();

    @Message
    String notice_hidden_by_admin(String reason);

    @Message
    String notice_hidden_appeal();

    @Message
    String unsubscribe_kind_question(String name, String category);

    @Message
    String unsubscribe_kind_done(String name, String category);

    @Message
    String mail_stop_kind(String category);

    @Message
    String category_replies();

    @Message
    String category_mentions();

    @Message
    String category_followed();

    @Message
    String category_releases();

    @Message
    String category_beta();

    @Message
    String category_moderation();

    @Message
    String channel_bell();

    @Message
    String channel_immediate();

    @Message
    String channel_weekly();

    @Message
    String channel_off();

    @Message
    String choices_title();

    @Message
    String choices_intro();

    @Message
    String choices_saved();

    @Message
    String choices_kind();

    @Message
    String choices_channel();

    @Message
    String appeal_title();

    @Message
    String appeal_reports();

    @Message
    String appeal_admin();

    @Message
    String appeal_address(String address);

    @Message
    String appeal_admins();

    @Message
    String mention_offer_said(int count);

    @Message
    String notifications_marked_read_said(String headline);
}
