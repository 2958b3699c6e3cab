package app.fanloop.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the staff pages (triage, moderation, administration), in simplified Chinese and English; a second bundle because one bundle of over 300 messages trips Qute's code generator. The texts live in
 * messages/ops_zh.properties and messages/ops_en.properties; templates use them as {ops:key}.
 */
@MessageBundle(value = "ops", locale = "zh")
public interface OpsMessages {

    @Message
    String triage_releases();

    @Message
    String triage_empty();

    @Message
    String admin_title();

    @Message
    String admin_reports();

    @Message
    String admin_members();

    @Message
    String admin_audit();

    @Message
    String report_count(int count);

    @Message
    String mod_restore();

    @Message
    String sanction_banned_title();

    @Message
    String sanction_silenced_title();

    @Message
    String sanction_silenced_text();

    @Message
    String sanction_reason();

    @Message
    String sanction_until();

    @Message
    String sanction_permanent();

}
