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

    @Message
    String index_finished();

    @Message
    String index_hms(long hours, int minutes, int seconds);

    @Message
    String index_intro();

    @Message
    String index_left();

    @Message
    String index_left_unknown();

    @Message
    String index_ms(int minutes, int seconds);

    @Message
    String index_never();

    @Message
    String index_node();

    @Message
    String index_nothing(int version);

    @Message
    String index_paused_text();

    @Message
    String index_rate();

    @Message
    String index_refresh();

    @Message
    String index_rows();

    @Message
    String index_rows_of(String done, String total, int percent);

    @Message
    String index_rows_per_second(String rate);

    @Message
    String index_source();

    @Message
    String index_started();

    @Message
    String index_state_done();

    @Message
    String index_state_paused();

    @Message
    String index_state_running();

    @Message
    String index_title();

    @Message
    String index_took();

    @Message
    String index_updated();

    @Message
    String index_version();

    @Message
    String similar_said(int count);
}
