package app.fanloop.device;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of devices (the staff's list of models, a member's devices, the bug form's choice), in simplified Chinese
 * (the default) and English: messages/dev_zh.properties and messages/dev_en.properties; templates use them as {dev:key}.
 */
@MessageBundle(value = "dev", locale = "zh")
public interface DeviceMessages {

    @Message
    String models_title();

    @Message
    String models_hint();

    @Message
    String models_none();

    @Message
    String models_board();

    @Message
    String models_name();

    @Message
    String models_add();

    @Message
    String models_saved();

    @Message
    String models_retired();

    @Message
    String models_retire();

    @Message
    String models_restore();

    @Message
    String mine_title();

    @Message
    String mine_hint();

    @Message
    String mine_none();

    @Message
    String mine_model();

    @Message
    String mine_model_typed();

    @Message
    String mine_other();

    @Message
    String mine_version();

    @Message
    String mine_add();

    @Message
    String mine_remove();

    @Message
    String mine_saved();

    @Message
    String form_mine();

    @Message
    String form_mine_none();

    @Message
    String form_mine_hint();

    @Message
    String form_mine_manage();
}
