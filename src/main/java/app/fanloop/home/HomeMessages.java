package app.fanloop.home;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the home page, in simplified Chinese (the default) and English. The texts live in
 * messages/home_zh.properties and messages/home_en.properties; templates use them as {home:key}.
 */
@MessageBundle(value = "home", locale = "zh")
public interface HomeMessages {

    @Message
    String home_title();

    @Message
    String home_hero_title();

    @Message
    String home_hero_text();

    @Message
    String home_loop_label();

    @Message
    String loop_post();

    @Message
    String loop_vote();

    @Message
    String loop_review();

    @Message
    String loop_plan();

    @Message
    String loop_ship();

    @Message
    String loop_credit();

    @Message
    String home_trending();

    @Message
    String home_trending_empty();

    @Message
    String home_no_boards();

    @Message
    String home_shipped();

    @Message
    String home_shipped_empty();

    @Message
    String suggested_by(String name);

    @Message
    String home_latest_release();

    @Message
    String home_all_releases();

    @Message
    String home_release_credits(int count);
}
