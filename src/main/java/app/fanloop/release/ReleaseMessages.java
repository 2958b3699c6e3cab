package app.fanloop.release;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the release notes, their feed and the release editor, in simplified Chinese (the default) and English. The texts live in
 * messages/rel_zh.properties and messages/rel_en.properties; templates use them as {rel:key}.
 */
@MessageBundle(value = "rel", locale = "zh")
public interface ReleaseMessages {

    @Message
    String section_new();

    @Message
    String section_improved();

    @Message
    String section_fixed();

    @Message
    String release_channel();

    @Message
    String release_program();

    @Message
    String release_program_none();

    @Message
    String release_program_hint();

    @Message
    String release_week_of(int year, int week);

    @Message
    String release_credits();

    @Message
    String release_credits_intro();

    @Message
    String release_credits_empty();

    @Message
    String release_line_feature();

    @Message
    String release_no_lines();

    @Message
    String releases_title();

    @Message
    String releases_intro();

    @Message
    String releases_all_channels();

    @Message
    String releases_empty();

    @Message
    String releases_fan_count(long count);

    @Message
    String releases_feed();

    @Message
    String releases_follow_title();

    @Message
    String releases_follow_hint();

    @Message
    String feed_title();

    @Message
    String feed_title_channel(String channel);

    @Message
    String releases_public();

    @Message
    String release_new();

    @Message
    String release_create();

    @Message
    String release_version();

    @Message
    String release_week();

    @Message
    String release_summary();

    @Message
    String release_summary_hint();

    @Message
    String release_lines();

    @Message
    String release_section();

    @Message
    String release_line_add();

    @Message
    String release_line_edit();

    @Message
    String release_line_delete();

    @Message
    String release_line_text();

    @Message
    String release_line_text_hint();

    @Message
    String release_line_feature_item();

    @Message
    String release_line_no_feature();

    @Message
    String release_line_suggestions();

    @Message
    String release_line_hint();

    @Message
    String release_publishing();

    @Message
    String release_is_published();

    @Message
    String release_schedule_at();

    @Message
    String release_reschedule();

    @Message
    String release_schedule();

    @Message
    String release_schedule_hint();

    @Message
    String release_unschedule();

    @Message
    String release_publish_hint();

    @Message
    String release_publish_now();

    @Message
    String release_preview();

    @Message
    String release_view();

    @Message
    String release_updated();

    @Message
    String release_published_at();

    @Message
    String release_scheduled_for();

    @Message
    String release_preview_notice();

    @Message
    String release_back_to_editor();

    @Message
    String release_state_draft();

    @Message
    String release_state_scheduled();

    @Message
    String release_state_published();
}
