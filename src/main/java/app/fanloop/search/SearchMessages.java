package app.fanloop.search;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the search pages, in simplified Chinese (the default) and English. The texts live in
 * messages/srch_zh.properties and messages/srch_en.properties; templates use them as {srch:key}.
 */
@MessageBundle(value = "srch", locale = "zh")
public interface SearchMessages {

    @Message
    String search_all_boards();

    @Message
    String search_busy_title();

    @Message
    String search_busy_text();

    @Message
    String search_all_types();

    @Message
    String search_comment_on();

    @Message
    String search_file_on(String board);

    @Message
    String search_file_prompt();

    @Message
    String search_filter_board();

    @Message
    String search_filter_type();

    @Message
    String search_none_text();

    @Message
    String search_none_title(String q);

    @Message
    String search_partial();

    @Message
    String search_prompt();

    @Message
    String search_results_label();

    @Message
    String search_submit();

    @Message
    String search_title();

    @Message
    String search_title_for(String q);

    @Message
    String search_too_broad();

    @Message
    String search_type_comment();

    @Message
    String search_type_release();

    @Message
    String search_type_suggestion();

    @Message
    String search_without_filters();

    @Message
    String similar_title();
}
