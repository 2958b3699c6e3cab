package app.fanloop.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Every user-visible text of the member-facing pages, in simplified Chinese (the default) and English. The texts live in
 * messages/msg_zh.properties and messages/msg_en.properties; templates use them as {msg:key}.
 */
@MessageBundle(value = "msg", locale = "zh")
public interface AppMessages {

    @Message
    String html_lang();

    @Message
    String site_tagline();

    @Message
    String nav_label();

    @Message
    String nav_home();

    @Message
    String nav_admin_boards();

    @Message
    String nav_me();

    @Message
    String sign_in();

    @Message
    String sign_out();

    @Message
    String footer_loop();

    @Message
    String footer_note();

    @Message
    String home_boards();

    @Message
    String board_new_suggestion();

    @Message
    String board_new_bug();

    @Message
    String sort_label();

    @Message
    String sort_trending();

    @Message
    String sort_top();

    @Message
    String sort_new();

    @Message
    String kind_label();

    @Message
    String kind_suggestion();

    @Message
    String kind_bug();

    @Message
    String status_label();

    @Message
    String filter_all_kinds();

    @Message
    String filter_all_statuses();

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
    String comments();

    @Message
    String votes();

    @Message
    String followers();

    @Message
    String hidden();

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
    String follow();

    @Message
    String following();

    @Message
    String edit();

    @Message
    String edited();

    @Message
    String save();

    @Message
    String cancel();

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
    String official_response();

    @Message
    String comment_add();

    @Message
    String comment_placeholder();

    @Message
    String comment_submit();

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
    String markdown_hint();

    @Message
    String timeline();

    @Message
    String timeline_posted(String name);

    @Message
    String timeline_change(String name);

    @Message
    String status_change();

    @Message
    String status_note();

    @Message
    String status_note_hint();

    @Message
    String status_submit();

    @Message
    String edit_title();

    @Message
    String form_has_errors();

    @Message
    String field_title();

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
    String pager_label();

    @Message
    String pager_previous();

    @Message
    String pager_next();

    @Message
    String pager_page(int n);

    @Message
    String member_joined();

    @Message
    String member_no_suggestions();

    @Message
    String error_required();

    @Message
    String error_too_long(int max);

    @Message
    String error_too_short(int min);

    @Message
    String error_too_large(int max);

    @Message
    String error_too_small(int min);

    @Message
    String error_pattern();

    @Message
    String error_taken();

    @Message
    String error_invalid();

    @Message
    String error_kinds();

    @Message
    String error_kind_not_accepted();

    @Message
    String error_reason_required();

    @Message
    String error_same_status();

    @Message
    String error_status_not_allowed();

    @Message
    String error_parent();

    @Message
    String nav_releases();

    @Message
    String channel_dev();

    @Message
    String channel_stable();

    @Message
    String releases_read();

    @Message
    String shipped_in();

    @Message
    String timeline_release(String name);

    @Message
    String notifications_title();

    @Message
    String error_release_empty();

    @Message
    String error_release_published();

    @Message
    String error_already_in_release();

    @Message
    String error_suggestion_missing();

    @Message
    String error_schedule_past();

    @Message
    String error_400_title();

    @Message
    String error_400_text();

    @Message
    String error_401_title();

    @Message
    String error_401_text();

    @Message
    String error_403_title();

    @Message
    String error_403_text();

    @Message
    String error_404_title();

    @Message
    String error_404_text();

    @Message
    String error_409_title();

    @Message
    String error_409_text();

    @Message
    String error_413_title();

    @Message
    String error_413_text();

    @Message
    String error_429_title();

    @Message
    String error_429_text();

    @Message
    String error_500_title();

    @Message
    String error_500_text();

    @Message
    String error_503_title();

    @Message
    String error_503_text();

    @Message
    String error_incident(String id);

    @Message
    String error_home();

    @Message
    String nav_roadmap();

    @Message
    String nav_triage();

    @Message
    String apply();

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
    String error_none_selected();

    @Message
    String error_merge_self();

    @Message
    String error_merge_target_missing();

    @Message
    String error_merge_target_merged();

    @Message
    String error_already_linked();

    @Message
    String error_owner_not_staff();

    @Message
    String nav_admin();

    @Message
    String report();

    @Message
    String hidden_by_reports();

    @Message
    String error_confirm_mismatch();

    @Message
    String error_date_past();

    @Message
    String error_405_title();

    @Message
    String error_405_text();

    @Message
    String nav_search();

    @Message
    String search_label();

    @Message
    String search_placeholder();

}
