package app.fanloop.attachment;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of attachments (file fields, galleries, logs, refusals), in simplified Chinese (the default) and English.
 * The texts live in messages/att_zh.properties and messages/att_en.properties; templates use them as {att:key}.
 */
@MessageBundle(value = "att", locale = "zh")
public interface AttachmentMessages {

    @Message
    String files_label();

    @Message
    String add_files();

    @Message
    String alt_label();

    @Message
    String alt_hint();

    @Message
    String log_private();

    @Message
    String remove();

    @Message
    String files_hint(int count, String size);

    @Message
    String logs_hint(int count, String size);

    @Message
    String paste_hint();

    @Message
    String refused_type();

    @Message
    String refused_type_log();

    @Message
    String refused_heic();

    @Message
    String refused_size(String value);

    @Message
    String refused_pixels();

    @Message
    String refused_damaged();

    @Message
    String refused_zip();

    @Message
    String refused_count(String value);

    @Message
    String refused_quota();

    @Message
    String request_too_large();

    @Message
    String upload_failed();

    @Message
    String images_label(int count);

    @Message
    String image_alt_default(int number);

    @Message
    String logs_title();

    @Message
    String has_images(int count);

    @Message
    String has_logs(int count);
}
