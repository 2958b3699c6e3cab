package app.fanloop.honour;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the honour pages and badges, in simplified Chinese and English: a bundle of its own, like every
 * feature's (see WebMessages). The texts live in messages/hon_zh.properties and messages/hon_en.properties;
 * templates use them as {hon:key}.
 */
@MessageBundle(value = "hon", locale = "zh")
public interface HonourMessages {

    @Message
    String nav_honours();

    @Message
    String honours_title();

    @Message
    String honours_intro();

    @Message
    String board_week();

    @Message
    String board_week_since(String date);

    @Message
    String board_all_time();

    @Message
    String board_all_time_hint();

    @Message
    String board_empty();

    @Message
    String board_rank();

    @Message
    String board_points(int points);

    @Message
    String wall_title();

    @Message
    String wall_intro();

    @Message
    String wall_empty();

    @Message
    String wall_in_release(String version);

    @Message
    String wall_by();

    @Message
    String rules_link();

    @Message
    String rules_title();

    @Message
    String rules_intro();

    @Message
    String rules_points();

    @Message
    String rules_rule();

    @Message
    String rules_amount();

    @Message
    String rules_fair();

    @Message
    String rules_levels();

    @Message
    String rules_level();

    @Message
    String rules_level_from();

    @Message
    String rules_medals();

    @Message
    String rules_medals_hint();

    @Message
    String rules_private();

    @Message
    String reason_posted();

    @Message
    String reason_vote_received();

    @Message
    String reason_commented();

    @Message
    String reason_adopted();

    @Message
    String reason_shipped();

    @Message
    String reason_report_upheld();

    @Message
    String medal_first_suggestion();

    @Message
    String medal_first_suggestion_desc();

    @Message
    String medal_first_adopted();

    @Message
    String medal_first_adopted_desc();

    @Message
    String medal_first_shipped();

    @Message
    String medal_first_shipped_desc();

    @Message
    String medal_ten_shipped();

    @Message
    String medal_ten_shipped_desc();

    @Message
    String medal_top_weekly();

    @Message
    String medal_top_weekly_desc();

    @Message
    String medal_one_year();

    @Message
    String medal_one_year_desc();

    @Message
    String medal_beta_tester();

    @Message
    String medal_beta_tester_desc();

    @Message
    String level_title(int level);

    @Message
    String profile_level();

    @Message
    String profile_points();

    @Message
    String profile_next(int points, int level);

    @Message
    String profile_top_level();

    @Message
    String profile_medals();

    @Message
    String profile_no_medals();

    @Message
    String profile_shipped();

    @Message
    String profile_no_shipped();

    @Message
    String profile_private();

    @Message
    String profile_history();

    @Message
    String profile_history_hint();

    @Message
    String profile_history_empty();

    @Message
    String taken_back_hidden();

    @Message
    String taken_back_purged();

    @Message
    String taken_back_withdrawn();

    @Message
    String privacy_title();

    @Message
    String privacy_label();

    @Message
    String privacy_saved();

    /** How a fan who keeps honours private is named in public credits. */
    @Message
    String anonymous_fan();
}
