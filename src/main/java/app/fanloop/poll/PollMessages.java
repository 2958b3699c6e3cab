package app.fanloop.poll;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of polls (the ballot, results, the poll fields of a post's form), in simplified Chinese (the default) and
 * English. The texts live in messages/poll_zh.properties and messages/poll_en.properties; templates use them as {poll:key}.
 */
@MessageBundle(value = "poll", locale = "zh")
public interface PollMessages {

    @Message
    String title();

    @Message
    String multiple_hint();

    /** The marker of a post with a poll on a list (the board, the home page), beside the picture count. */
    @Message
    String has_poll();

    @Message
    String single_hint();

    @Message
    String voters(int voters);

    @Message
    String closed_early();

    @Message
    String closed();

    @Message
    String closes_at();

    @Message
    String no_closing();

    @Message
    String you_voted();

    @Message
    String and_next(String item);

    @Message
    String your_choice();

    @Message
    String vote();

    @Message
    String change_vote();

    @Message
    String withdraw();

    @Message
    String sign_in_to_vote();

    @Message
    String results_hidden();

    @Message
    String edit_poll();

    @Message
    String results_csv();

    @Message
    String close_now();

    @Message
    String count(int count, int percent);

    @Message
    String back_to_post();

    @Message
    String add_poll();

    @Message
    String fixed_notice();

    @Message
    String fields_hint();

    @Message
    String field_question();

    @Message
    String field_question_hint();

    @Message
    String field_options();

    @Message
    String field_option(int number);

    @Message
    String more_options();

    @Message
    String field_multiple();

    @Message
    String field_closes_at();

    @Message
    String field_closes_at_hint(String zone);

    @Message
    String field_results();

    @Message
    String results_always();

    @Message
    String results_after_vote();

    @Message
    String poll_edit_title();

    @Message
    String not_voted_said();
}
