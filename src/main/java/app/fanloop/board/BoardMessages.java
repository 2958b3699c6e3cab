package app.fanloop.board;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the board pages and board administration, in simplified Chinese (the default) and English. The texts live in
 * messages/brd_zh.properties and messages/brd_en.properties; templates use them as {brd:key}.
 */
@MessageBundle(value = "brd", locale = "zh")
public interface BoardMessages {

    @Message
    String board_archived();

    @Message
    String board_private();

    @Message
    String board_no_match();

    @Message
    String board_follow();

    @Message
    String board_follow_hint();

    @Message
    String admin_boards_title();

    @Message
    String admin_board_new();

    @Message
    String admin_board_edit();

    @Message
    String admin_board_order();

    @Message
    String admin_board_name();

    @Message
    String admin_board_name_en();

    @Message
    String admin_board_description();

    @Message
    String admin_board_description_en();

    @Message
    String admin_board_slug();

    @Message
    String admin_board_slug_hint();

    @Message
    String admin_board_kinds();

    @Message
    String admin_board_count();

    @Message
    String admin_board_actions();

    @Message
    String admin_board_up();

    @Message
    String admin_board_down();

    @Message
    String admin_board_archive();

    @Message
    String admin_board_unarchive();

    @Message
    String admin_board_archived();
}
