package app.fanloop.insight;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the insights page and the community figures, in simplified Chinese (the default) and English:
 * messages/ins_zh.properties and messages/ins_en.properties; templates use them as {ins:key}.
 */
@MessageBundle(value = "ins", locale = "zh")
public interface InsightMessages {
    @Message String page_title();
    @Message String tab();
    @Message String range_from();
    @Message String range_to();
    @Message String range_by();
    @Message String by_day();
    @Message String by_week();
    @Message String all_boards();
    @Message String show_range();
    @Message String csv();
    @Message String volume_title();
    @Message String volume_caption(int total);
    @Message String period();
    @Message String suggestions();
    @Message String bugs();
    @Message String total();
    @Message String release_marker(String version);
    @Message String releases_in_range();
    @Message String funnel_title();
    @Message String funnel_caption();
    @Message String stage();
    @Message String count_label();
    @Message String share();
    @Message String posted();
    @Message String reviewed();
    @Message String planned();
    @Message String shipped();
    @Message String declined();
    @Message String merged();
    @Message String answer_title();
    @Message String answer_caption(long hours);
    @Message String answer_weeks_title();
    @Message String week_of();
    @Message String ship_title();
    @Message String ship_caption();
    @Message String board();
    @Message String median_hours();
    @Message String p90_hours();
    @Message String posts();
    @Message String target(long hours);
    @Message String hours(String value);
    @Message String rising_title();
    @Message String rising_caption();
    @Message String suggestion();
    @Message String last_7_days();
    @Message String previous_7_days();
    @Message String gain();
    @Message String features_title();
    @Message String features_caption();
    @Message String feature();
    @Message String status();
    @Message String demand();
    @Message String not_planned();
    @Message String trends_title();
    @Message String trends_caption();
    @Message String trend();
    @Message String new_voters_in_range();
    @Message String voters_lost();
    @Message String trends_per_period();
    @Message String period_start();
    @Message String freshness(String time, long seconds, long minutes);
    @Message String no_data();
    @Message String backfill(int percent);
    @Message String community_title();
    @Message String community_this_week();
    @Message String community_adopted();
    @Message String community_shipped_month();
    @Message String community_median_answer();
    @Message String community_hours(String value);
    @Message String boards_title();
    @Message String boards_caption();
    @Message String board_totals(int suggestions, int bugs);
    @Message String boards_table_caption();
    @Message String ship_weeks_title();
    @Message String ship_weeks_caption();
    @Message String board_weeks_title();
    @Message String board_weeks_caption(long hours);
    @Message String answer_median_p90();
    @Message String ship_median_p90();
    @Message String over_target();
    @Message String over_target_title(long hours);
    @Message String none();
}
