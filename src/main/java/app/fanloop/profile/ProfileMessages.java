package app.fanloop.profile;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of a member's profile page and their settings, in simplified Chinese (the default) and English. The texts live in
 * messages/prof_zh.properties and messages/prof_en.properties; templates use them as {prof:key}.
 */
@MessageBundle(value = "prof", locale = "zh")
public interface ProfileMessages {

    @Message
    String member_suggestions();

    @Message
    String unfollow();

    @Message
    String me_following();

    @Message
    String me_following_hint();

    @Message
    String me_following_suggestions();

    @Message
    String me_following_none();

    @Message
    String me_following_boards();

    @Message
    String me_following_boards_none();

    @Message
    String me_following_channels();

    @Message
    String me_email();

    @Message
    String me_email_mode();

    @Message
    String me_email_to(String email);

    @Message
    String me_email_none();

    @Message
    String me_email_saved();

    @Message
    String avatar_title();

    @Message
    String avatar_own();

    @Message
    String avatar_token();

    @Message
    String avatar_initials();

    @Message
    String avatar_choose();

    @Message
    String avatar_hint(String size);

    @Message
    String avatar_upload();

    @Message
    String avatar_remove();

    @Message
    String avatar_saved();

    @Message
    String avatar_missing();

    @Message
    String name_title();

    @Message
    String name_label();

    @Message
    String name_hint(int days);

    @Message
    String name_next();

    @Message
    String name_saved();

    @Message
    String bio_title();

    @Message
    String bio_label();

    @Message
    String bio_hint(int max);

    @Message
    String bio_saved();

    @Message
    String history_title();

    @Message
    String history_none();

    @Message
    String history_by_admin();

    @Message
    String rename_submit();

    /** A public profile's description for search engines when the member wrote no bio. */
    @Message
    String meta_summary(int count, int level);
}
