package app.fanloop.beta;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of closed beta programs (the list, a program and its application form, the PM's console, the profile
 * section and the home card), in simplified Chinese (the default) and English. The texts live in messages/beta_zh.properties
 * and messages/beta_en.properties; templates use them as {beta:key}.
 */
@MessageBundle(value = "beta", locale = "zh")
public interface BetaMessages {

    @Message
    String nav_beta();

    @Message
    String beta_title();

    @Message
    String beta_intro();

    @Message
    String beta_open();

    @Message
    String beta_testing_list();

    @Message
    String beta_closed_list();

    @Message
    String beta_none();

    @Message
    String beta_places(int count, int places);

    @Message
    String beta_window();

    @Message
    String beta_window_until();

    @Message
    String beta_devices();

    @Message
    String beta_min_level();

    @Message
    String beta_no_min_level();

    @Message
    String beta_channel();

    @Message
    String beta_weekly_posts(int n);

    @Message
    String beta_requirement();

    @Message
    String beta_no_weekly_posts();

    @Message
    String beta_state_open();

    @Message
    String beta_state_upcoming();

    @Message
    String beta_state_ended();

    @Message
    String beta_state_closed();

    @Message
    String beta_build_public();

    @Message
    String beta_view();

    @Message
    String beta_apply_title();

    @Message
    String beta_apply_device();

    @Message
    String beta_apply_device_hint();

    @Message
    String beta_apply_version();

    @Message
    String beta_apply_version_hint();

    @Message
    String beta_apply_submit();

    @Message
    String beta_sign_in_to_apply();

    @Message
    String beta_your_application();

    @Message
    String beta_applied_on();

    @Message
    String beta_private_board();

    @Message
    String beta_private_board_hint();

    @Message
    String beta_applied_notice();

    @Message
    String state_applied();

    @Message
    String state_accepted();

    @Message
    String state_waitlisted();

    @Message
    String state_declined();

    @Message
    String state_removed();

    @Message
    String state_completed();

    @Message
    String state_testing();

    @Message
    String profile_title();

    @Message
    String profile_none();

    @Message
    String console_title();

    @Message
    String console_programs();

    @Message
    String console_new();

    @Message
    String console_name();

    @Message
    String console_slug();

    @Message
    String console_slug_hint();

    @Message
    String console_description();

    @Message
    String console_devices();

    @Message
    String console_devices_hint();

    @Message
    String console_places();

    @Message
    String console_from();

    @Message
    String console_until();

    @Message
    String console_zone_hint(String zone);

    @Message
    String console_min_level();

    @Message
    String console_question1();

    @Message
    String console_question2();

    @Message
    String console_channel();

    @Message
    String console_weekly();

    @Message
    String console_create();

    @Message
    String console_create_hint();

    @Message
    String console_applicants();

    @Message
    String console_open();

    @Message
    String console_none();

    @Message
    String console_sort();

    @Message
    String console_sort_score();

    @Message
    String console_sort_date();

    @Message
    String console_filter_device();

    @Message
    String console_filter();

    @Message
    String console_all_states();

    @Message
    String console_score();

    @Message
    String console_member();

    @Message
    String console_device();

    @Message
    String console_answers();

    @Message
    String console_state();

    @Message
    String console_participation();

    @Message
    String console_behind();

    @Message
    String console_accept();

    @Message
    String console_waitlist();

    @Message
    String console_decline();

    @Message
    String console_remove();

    @Message
    String console_top_n();

    @Message
    String console_top_n_people();

    @Message
    String console_waitlist_rest();

    @Message
    String console_top_n_submit();

    @Message
    String console_remove_behind(int n);

    @Message
    String console_remove_behind_hint();

    @Message
    String console_close();

    @Message
    String console_close_hint();

    @Message
    String console_publish_build();

    @Message
    String console_publish_build_hint();

    @Message
    String console_no_applicants();

    @Message
    String console_breakdown();

    @Message
    String console_score_title();

    @Message
    String console_score_formula(int level, int bugsCap, int bugs, int adopted, int upheldCap, int upheld, int accepted, int completed, int removed);

    @Message
    String console_done_accepted(int accepted, int waitlisted);

    @Message
    String console_done_removed(int removed, int promoted);

    @Message
    String console_done_saved();

    @Message
    String console_done_closed();

    @Message
    String console_done_build(int releases);

    @Message
    String term_level();

    @Message
    String term_bug_reports();

    @Message
    String term_adopted_bug_reports();

    @Message
    String term_reports_upheld();

    @Message
    String term_past_accepted();

    @Message
    String term_past_completed();

    @Message
    String term_past_removed();

    @Message
    String term_explain(int count, int weight, int points);

    @Message
    String home_card();

    @Message
    String home_all();
}
