package app.fanloop.apikey;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The texts of the API keys page (messages/key_zh.properties and key_en.properties), as {key:…}. */
@MessageBundle(value = "key", locale = "zh")
public interface ApiKeyMessages {

    @Message
    String api_keys_title();

    @Message
    String api_keys_intro();

    @Message
    String api_keys_new();

    @Message
    String api_key_name();

    @Message
    String api_key_name_hint();

    @Message
    String api_key_role();

    @Message
    String api_key_role_hint();

    @Message
    String api_key_role_fan();

    @Message
    String api_key_role_pm();

    @Message
    String api_key_role_admin();

    @Message
    String api_key_scopes();

    @Message
    String api_key_scopes_hint();

    @Message
    String api_key_scope_read();

    @Message
    String api_key_scope_write();

    @Message
    String api_key_scopes_required();

    @Message
    String api_key_create();

    @Message
    String api_key_created();

    @Message
    String api_key_created_hint();

    @Message
    String api_key_key();

    @Message
    String api_key_created_at();

    @Message
    String api_key_last_used();

    @Message
    String api_key_never_used();

    @Message
    String api_key_status();

    @Message
    String api_key_active();

    @Message
    String api_key_revoked();

    @Message
    String api_key_revoke();

    @Message
    String api_key_revoke_confirm();

    @Message
    String api_keys_none();

    @Message
    String api_key_usage();
}
