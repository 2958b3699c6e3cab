package app.fanloop.moderation;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of reports, the moderation queue, sanctions and the audit log, in simplified Chinese (the default) and English. The texts live in
 * messages/mod_zh.properties and messages/mod_en.properties; templates use them as {mod:key}.
 */
@MessageBundle(value = "mod", locale = "zh")
public interface ModerationMessages {

    @Message
    String admin_reports_intro();

    @Message
    String admin_reports_empty();

    @Message
    String admin_members_search();

    @Message
    String admin_members_none();

    @Message
    String admin_public_profile();

    @Message
    String admin_member_posts();

    @Message
    String admin_member_reports();

    @Message
    String admin_member_no_reports();

    @Message
    String admin_sanctions();

    @Message
    String admin_no_sanctions();

    @Message
    String admin_roles();

    @Message
    String admin_roles_hint();

    @Message
    String admin_role_from_token();

    @Message
    String admin_role_grant();

    @Message
    String admin_role_revoke();

    @Message
    String report_title();

    @Message
    String report_comment_title();

    @Message
    String report_reason();

    @Message
    String report_text();

    @Message
    String report_text_hint();

    @Message
    String report_submit();

    @Message
    String report_thanks_title();

    @Message
    String report_thanks_text();

    @Message
    String report_back();

    @Message
    String report_on_comment();

    @Message
    String report_comment_on(String title);

    @Message
    String report_reason_spam();

    @Message
    String report_reason_abuse();

    @Message
    String report_reason_off_topic();

    @Message
    String report_reason_duplicate();

    @Message
    String report_reason_other();

    @Message
    String mod_dismiss();

    @Message
    String mod_hide();

    @Message
    String mod_lock();

    @Message
    String mod_unlock();

    @Message
    String mod_pin();

    @Message
    String mod_unpin();

    @Message
    String mod_move();

    @Message
    String mod_reason();

    @Message
    String mod_purge();

    @Message
    String mod_purge_confirm();

    @Message
    String mod_purge_warning(long id);

    @Message
    String sanction_permanent_ban();

    @Message
    String sanction_silence();

    @Message
    String sanction_ban();

    @Message
    String sanction_new();

    @Message
    String sanction_submit();

    @Message
    String sanction_lift();

    @Message
    String sanction_lifted();

    @Message
    String sanction_active();

    @Message
    String audit_actor();

    @Message
    String audit_action();

    @Message
    String audit_all_actions();

    @Message
    String audit_target();

    @Message
    String audit_from();

    @Message
    String audit_to();

    @Message
    String audit_time();

    @Message
    String audit_change();

    @Message
    String audit_reason();

    @Message
    String audit_none();
}
