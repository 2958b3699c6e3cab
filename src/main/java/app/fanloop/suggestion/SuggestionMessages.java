package app.fanloop.suggestion;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the suggestion pages: posting, voting, comments, the timeline and merging, in simplified Chinese (the default) and English. The texts live in
 * messages/sug_zh.properties and messages/sug_en.properties; templates use them as {sug:key}.
 */
@MessageBundle(value = "sug", locale = "zh")
public interface SuggestionMessages {

    @Message
    String sort_top();

    @Message
    String status_open();

    @Message
    String status_under_review();

    @Message
    String status_planned();

    @Message
    String status_in_progress();

    @Message
    String status_shipped();

    @Message
    String status_declined();

    @Message
    String status_merged();

    @Message
    String frequency_always();

    @Message
    String frequency_often();

    @Message
    String frequency_sometimes();

    @Message
    String frequency_rarely();

    @Message
    String pinned();

    @Message
    String followers();

    @Message
    String vote_label();

    @Message
    String vote_voted();

    @Message
    String vote_cast();

    @Message
    String vote_withdraw();

    @Message
    String vote_sign_in();

    @Message
    String edited();

    @Message
    String choose();

    @Message
    String suggestion_hidden_notice();

    @Message
    String suggestion_locked_notice();

    @Message
    String suggestion_merged_notice();

    @Message
    String decline_reason();

    @Message
    String comment_add();

    @Message
    String comment_placeholder();

    @Message
    String comment_official();

    @Message
    String comment_sign_in();

    @Message
    String comment_author_tag();

    @Message
    String comment_hidden();

    @Message
    String comment_edit_title();

    @Message
    String comments_empty();

    @Message
    String comments_closed();

    @Message
    String reply();

    @Message
    String reply_submit();

    @Message
    String timeline();

    @Message
    String timeline_posted(String name);

    @Message
    String timeline_change(String name);

    @Message
    String edit_title();

    @Message
    String field_title_hint();

    @Message
    String field_body();

    @Message
    String field_body_hint();

    @Message
    String bug_details();

    @Message
    String bug_details_hint();

    @Message
    String field_device_model();

    @Message
    String field_system_version();

    @Message
    String field_build();

    @Message
    String field_build_hint();

    @Message
    String field_frequency();

    @Message
    String field_steps();

    @Message
    String field_steps_hint();

    @Message
    String submit_suggestion();

    @Message
    String revisions_title();

    @Message
    String revisions_intro();

    @Message
    String revision_current();

    @Message
    String revision_written();

    @Message
    String revision_replaced(String name);

    @Message
    String revisions_none();

    @Message
    String shipped_in();

    @Message
    String timeline_release(String name);

    @Message
    String timeline_merged_into(String name);

    @Message
    String timeline_merged_from(String name);

    @Message
    String timeline_unmerged(String name);

    @Message
    String timeline_unmerged_from(String name);

    @Message
    String timeline_feature(String name);

    @Message
    String report();

    @Message
    String hidden_by_reports();

    @Message
    String spark_title();

    @Message
    String spark_label(int total);

    @Message
    String feature_part_of();

    @Message
    String feature_status_backlog();

    @Message
    String feature_status_planned();

    @Message
    String feature_status_in_progress();

    @Message
    String feature_status_shipped();

    @Message
    String feature_status_cancelled();

    @Message
    String merge_title();

    @Message
    String merge_hint();

    @Message
    String merge_target();

    @Message
    String merge_submit();

    @Message
    String unmerge_title();

    @Message
    String unmerge_hint();

    @Message
    String unmerge_submit();

    @Message
    String merged_from_title();

    @Message
    String merged_comment_count(int count);

    @Message
    String admin_moderate();

    @Message
    String timeline_hidden_title();

    @Message
    String comment_posted_said(int count);

    @Message
    String follow_on_said(int count);

    @Message
    String follow_off_said(int count);
}
