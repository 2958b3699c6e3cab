package app.fanloop.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The JSON API's words: the titles and details of its problems (messages/api_zh.properties, api_en.properties). */
@MessageBundle(value = "api", locale = "zh")
public interface ApiMessages {

    @Message
    String problem_bad_request();

    @Message
    String problem_malformed_body();

    @Message
    String problem_unauthorized();

    @Message
    String problem_forbidden();

    @Message
    String problem_insufficient_scope();

    @Message
    String problem_sanctioned();

    @Message
    String problem_not_found();

    @Message
    String problem_method_not_allowed();

    @Message
    String problem_not_acceptable();

    @Message
    String problem_conflict();

    @Message
    String problem_precondition_failed();

    @Message
    String problem_too_large();

    @Message
    String problem_unsupported_media_type();

    @Message
    String problem_validation();

    @Message
    String problem_too_many_requests();

    @Message
    String problem_internal();

    @Message
    String problem_unavailable();

    @Message
    String detail_unauthorized();

    @Message
    String detail_invalid_credential();

    @Message
    String detail_insufficient_scope(String scope);

    @Message
    String detail_banned(String reason);

    @Message
    String detail_banned_until(String reason, String until);

    @Message
    String detail_silenced_until(String reason, String until);

    @Message
    String detail_silenced(String reason);

    @Message
    String detail_malformed_body();

    @Message
    String detail_validation();

    @Message
    String detail_bad_query();

    @Message
    String detail_too_large(String limit);

    @Message
    String detail_too_many_requests(long seconds);

    @Message
    String detail_unavailable(int seconds);

    @Message
    String detail_internal(String incident);

    @Message
    String detail_cursor();
}
