package app.fanloop.triage;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the triage console, feature items and the roadmap, in simplified Chinese (the default) and English. The texts live in
 * messages/tri_zh.properties and messages/tri_en.properties; templates use them as {tri:key}.
 */
@MessageBundle(value = "tri", locale = "zh")
public interface TriageMessages {

    @Message
    String answered();

    @Message
    String unanswered();

    @Message
    String export_csv();

    @Message
    String select_row(long id);

    @Message
    String bulk_title();

    @Message
    String bulk_submit();

    @Message
    String triage_title();

    @Message
    String triage_inbox();

    @Message
    String triage_needs_answer();

    @Message
    String triage_features();

    @Message
    String triage_all_boards();

    @Message
    String triage_waiting(long hours);

    @Message
    String triage_answered_share(long hours);

    @Message
    String triage_answered_detail(long answered, long due);

    @Message
    String triage_needs_answer_intro(long hours);

    @Message
    String inbox_sort_priority();

    @Message
    String inbox_sort_votes();

    @Message
    String inbox_sort_waiting();

    @Message
    String inbox_age();

    @Message
    String inbox_age_any();

    @Message
    String inbox_age_day();

    @Message
    String inbox_age_week();

    @Message
    String inbox_age_month();

    @Message
    String inbox_age_older();

    @Message
    String priority_formula();

    @Message
    String priority_breakdown(String votes, String heat, String comments);

    @Message
    String feature_new();

    @Message
    String feature_create();

    @Message
    String feature_from_selected();

    @Message
    String feature_description();

    @Message
    String feature_priority();

    @Message
    String feature_owner();

    @Message
    String feature_no_owner();

    @Message
    String feature_target();

    @Message
    String feature_demand();

    @Message
    String feature_demand_hint();

    @Message
    String feature_linked();

    @Message
    String feature_no_suggestions();

    @Message
    String feature_none();

    @Message
    String feature_suggestion_count(long count);

    @Message
    String feature_link();

    @Message
    String feature_link_label();

    @Message
    String feature_unlink();

    @Message
    String feature_reason();

    @Message
    String feature_reason_hint();

    @Message
    String feature_status_hint();

    @Message
    String merge_candidates_title();

    @Message
    String merge_candidates_hint();

    @Message
    String merge_candidates_none();

    @Message
    String merge_candidates_open();

    @Message
    String merge_into_this();

    @Message
    String roadmap_title();

    @Message
    String roadmap_intro();

    @Message
    String roadmap_recently_shipped();

    @Message
    String roadmap_fans_asked();

    @Message
    String roadmap_empty();

    @Message
    String merge_candidates_said(int count);
}
