package app.fanloop.attachment;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Why an uploaded file was refused, in simplified Chinese (the default) and English, one message per
 * {@link FileRefused.Reason} (refused_ and the reason in lower case). The texts live in messages/att_zh.properties and
 * messages/att_en.properties; templates use them as {att:key}.
 */
@MessageBundle(value = "att", locale = "zh")
public interface AttachmentMessages {

    @Message
    String refused_type();

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
}
