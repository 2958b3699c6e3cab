package app.fanloop.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the layout and the error pages, and the words several features share (navigation, buttons, the
 * pager, form errors, kinds and statuses shown in lists), in simplified Chinese (the default) and English. Each
 * feature keeps its own texts in a bundle of its package (SuggestionMessages, {sug:…}, and so on); a text two
 * features use lives here, once. The texts live in messages/web_zh.properties and messages/web_en.properties;
 * templates use them as {web:key}.
 */
@MessageBundle(value = "web", locale = "zh")
public interface WebMessages {

    @Message
    String html_lang();

    @Message
    String site_tagline();

    /** The site's description for search engines and link previews (the home page's and every page's without text). */
    @Message
    String site_description();

    /** The first link of every page, shown on keyboard focus: jumps past the top bar to the main content. */
    @Message
    String skip_to_content();

    /** The logo link's accessible name (the logo text is hidden on a phone). */
    @Message
    String brand_home_label();

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
    String comments();

    @Message
    String votes();

    @Message
    String hidden();

    @Message
    String follow();

    @Message
    String following();

    @Message
    String edit();

    @Message
    String save();

    @Message
    String cancel();

    @Message
    String official_response();

    @Message
    String comment_submit();

    @Message
    String markdown_hint();

    @Message
    String status_change();

    @Message
    String status_note();

    @Message
    String status_note_hint();

    @Message
    String status_submit();

    @Message
    String form_has_errors();

    @Message
    String field_title();

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
    String error_none_selected();

    @Message
    String error_merge_self();

    @Message
    String error_merge_target_missing();

    @Message
    String error_merge_target_merged();

    @Message
    String error_merge_across_program();

    @Message
    String error_already_linked();

    @Message
    String error_owner_not_staff();

    @Message
    String nav_admin();

    @Message
    String error_confirm_mismatch();

    @Message
    String error_name_rules();

    @Message
    String error_name_too_soon(int days);

    @Message
    String error_devices_full(int max);

    @Message
    String error_date_past();

    @Message
    String error_url_scheme();

    @Message
    String error_url_invalid();

    @Message
    String error_url_unresolved();

    @Message
    String error_url_private();

    @Message
    String error_choose_one();

    @Message
    String error_too_many_files(int limit);

    @Message
    String error_logs_bug_only();

    @Message
    String error_file_refused();

    @Message
    String admin_webhooks();

    @Message
    String admin_mail();

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

    @Message
    String triage_releases();

    @Message
    String triage_empty();

    @Message
    String admin_title();

    @Message
    String admin_reports();

    @Message
    String admin_members();

    @Message
    String admin_audit();

    @Message
    String admin_search();

    @Message
    String report_count(int count);

    @Message
    String mod_restore();

    @Message
    String sanction_banned_title();

    @Message
    String sanction_silenced_title();

    @Message
    String sanction_silenced_text();

    @Message
    String sanction_reason();

    @Message
    String sanction_until();

    @Message
    String sanction_permanent();

    @Message
    String error_poll_option_empty();

    @Message
    String error_poll_option_duplicate();

    @Message
    String error_poll_too_few(int min);

    @Message
    String error_poll_too_many(int max);

    @Message
    String error_poll_closes_past();

    @Message
    String error_beta_window_closed();

    @Message
    String error_beta_level(int level);

    @Message
    String error_beta_applied();

    @Message
    String error_beta_sanctioned();

    @Message
    String error_beta_closed();

    @Message
    String error_beta_full(int places);

    @Message
    String error_beta_state();

    @Message
    String error_beta_window_order();

    @Message
    String error_beta_build_public();

    @Message
    String column_actions();
}
