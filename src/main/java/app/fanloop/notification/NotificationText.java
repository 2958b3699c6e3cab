package app.fanloop.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import app.fanloop.release.ReleaseLabels;
import app.fanloop.suggestion.SuggestionLabels;
import app.fanloop.suggestion.SuggestionMessages;
import app.fanloop.suggestion.SuggestionStatus;
import app.fanloop.web.Locales;
import app.fanloop.web.WebMessages;
import io.quarkus.qute.TemplateExtension;

/**
 * The words of a notification, in the reader's language: a headline, an optional detail (a note or
 * an excerpt) and where it leads. Pages use {n.headline} and {n.detail}; e-mail calls the same methods.
 */
@TemplateExtension
public class NotificationText {

    static String headline(Notification n, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return headline(n, Locales.of(locale));
    }

    static String detail(Notification n, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return detail(n, Locales.of(locale));
    }

    static String target(Notification n) {
        return targetPath(n);
    }

    static String label(EmailMode mode, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        NotificationMessages msg = Locales.messages(NotificationMessages.class, locale);
        return switch (mode) {
            case OFF -> msg.email_mode_off();
            case IMMEDIATE -> msg.email_mode_immediate();
            case WEEKLY -> msg.email_mode_weekly();
        };
    }

    public static String headline(Notification n, Locale locale) {
        return headline(n, locale, written -> written);
    }

    /**
     * The headline in pieces, each either the site's words or what a member wrote (a title, a name), so the page can
     * mark the language of the member's words where it differs from the page's ({n.headlineParts}, web/ContentLanguage).
     */
    static List<HeadlinePart> headlineParts(Notification n, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        String marked = headline(n, Locales.of(locale),
                written -> OPEN + written.replace(OPEN, "").replace(CLOSE, "") + CLOSE);
        List<HeadlinePart> parts = new ArrayList<>();
        int at = 0;
        while (at < marked.length()) {
            int open = marked.indexOf(OPEN, at);
            if (open < 0) {
                parts.add(new HeadlinePart(marked.substring(at), false));
                break;
            }
            if (open > at) {
                parts.add(new HeadlinePart(marked.substring(at, open), false));
            }
            int close = marked.indexOf(CLOSE, open);
            if (close > open + 1) {
                parts.add(new HeadlinePart(marked.substring(open + 1, close), true));
            }
            at = close + 1;
        }
        return parts;
    }

    /** A piece of a headline: the site's words, or a member's ({@code written}). */
    public record HeadlinePart(String text, boolean written) {
    }

    /** Private-use characters that bracket a member's words while the headline is cut into parts. */
    private static final String OPEN = "\uE000";
    private static final String CLOSE = "\uE001";

    private static String headline(Notification n, Locale locale, UnaryOperator<String> written) {
        NotificationMessages msg = Locales.messages(NotificationMessages.class, locale);
        WebMessages words = Locales.messages(locale);
        Map<String, Object> payload = n.event.payload == null ? Map.of() : n.event.payload;
        String title = written.apply(n.suggestion == null ? text(payload.get("title")) : n.suggestion.title);
        String actor = written.apply(n.actor == null ? "" : n.actor.name);
        String version = n.release == null ? text(payload.get("version")) : n.release.version;
        String channel = n.release == null ? "" : ReleaseLabels.label(n.release.channel, words);
        return switch (n.kind) {
            case STATUS_CHANGED -> msg.notification_status(title, status(payload.get("to"), Locales.messages(SuggestionMessages.class, locale)));
            case OFFICIAL_RESPONSE -> msg.notification_official(title);
            case COMMENT_REPLY -> msg.notification_reply(actor, title);
            case SUGGESTION_SHIPPED -> n.itemCount > 1 ? msg.notification_mine_shipped_many(n.itemCount, version, channel)
                    : msg.notification_mine_shipped(title, version, channel);
            case SUGGESTIONS_SHIPPED -> n.itemCount > 1 ? msg.notification_shipped_many(n.itemCount, version, channel)
                    : msg.notification_shipped(title, version, channel);
            case SUGGESTION_MERGED -> msg.notification_merged(title, written.apply(text(payload.get("intoTitle"))));
            case RELEASE_PUBLISHED -> msg.notification_release(channel, version);
            case SUGGESTION_POSTED -> msg.notification_posted(
                    written.apply(n.suggestion == null ? "" : n.suggestion.board.name(locale)), title);
            case WEBHOOK_DISABLED -> msg.notification_webhook_disabled(text(payload.get("url")), text(payload.get("failures")));
            case BETA_APPLICATION -> beta(msg, text(payload.get("state")), written.apply(text(payload.get("program"))));
            case MENTION -> n.commentId == null ? msg.notification_mention(actor, title) : msg.notification_mention_comment(actor, title);
            case CONTENT_HIDDEN -> n.commentId == null ? msg.notification_hidden(title) : msg.notification_hidden_comment(title);
        };
    }

    /** A note of the status change, or the beginning of the answer, reply or mentioning post; may be empty. */
    private static String payloadDetail(Notification n) {
        Map<String, Object> payload = n.event.payload == null ? Map.of() : n.event.payload;
        return switch (n.kind) {
            case STATUS_CHANGED -> text(payload.get("note"));
            case OFFICIAL_RESPONSE, COMMENT_REPLY, MENTION -> text(payload.get("excerpt"));
            default -> "";
        };
    }

    /**
     * The detail in the reader's language: a note or an excerpt from the event, or, for a hidden post's notice, the
     * site's own words (why, and that it may be appealed).
     */
    public static String detail(Notification n, Locale locale) {
        if (n.kind != NotificationKind.CONTENT_HIDDEN) {
            return payloadDetail(n);
        }
        NotificationMessages msg = Locales.messages(NotificationMessages.class, locale);
        Map<String, Object> payload = n.event.payload == null ? Map.of() : n.event.payload;
        String why = Boolean.TRUE.equals(payload.get("byReports")) ? msg.notice_hidden_by_reports()
                : msg.notice_hidden_by_admin(text(payload.get("reason")));
        return why + " " + msg.notice_hidden_appeal();
    }

    static String label(NotificationCategory category, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return label(category, Locales.of(locale));
    }

    static String label(NotificationChannel channel, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        NotificationMessages msg = Locales.messages(NotificationMessages.class, locale);
        return switch (channel) {
            case BELL -> msg.channel_bell();
            case IMMEDIATE -> msg.channel_immediate();
            case WEEKLY -> msg.channel_weekly();
            case OFF -> msg.channel_off();
        };
    }

    static String label(NotificationCategory category, Locale locale) {
        NotificationMessages msg = Locales.messages(NotificationMessages.class, locale);
        return switch (category) {
            case REPLIES -> msg.category_replies();
            case MENTIONS -> msg.category_mentions();
            case FOLLOWED -> msg.category_followed();
            case RELEASES -> msg.category_releases();
            case BETA -> msg.category_beta();
            case MODERATION -> msg.category_moderation();
        };
    }

    /** The words of a mail line's link that stops e-mail of its category. */
    static String stopLabel(NotificationCategory category, Locale locale) {
        return Locales.messages(NotificationMessages.class, locale).mail_stop_kind(label(category, locale));
    }

    /** Where the notification leads: the suggestion (at the comment), or the release. */
    public static String targetPath(Notification n) {
        return switch (n.kind) {
            case SUGGESTION_SHIPPED, SUGGESTIONS_SHIPPED, RELEASE_PUBLISHED ->
                n.release == null ? "/releases" : n.release.path();
            case OFFICIAL_RESPONSE -> n.suggestion.path() + "#official-title";
            case COMMENT_REPLY, MENTION -> n.suggestion.path() + (n.commentId == null ? "" : "#comment-" + n.commentId);
            case CONTENT_HIDDEN -> "/appeal";
            case WEBHOOK_DISABLED -> "/admin/webhooks/" + text(n.event.payload == null ? null : n.event.payload.get("endpointId"));
            case BETA_APPLICATION -> "/beta/" + text(n.event.payload == null ? null : n.event.payload.get("slug"));
            default -> n.suggestion == null ? "/" : n.suggestion.path();
        };
    }

    /** The news of a beta application by its new state (the beta feature's ApplicationState names). */
    private static String beta(NotificationMessages msg, String state, String program) {
        return switch (state) {
            case "ACCEPTED" -> msg.notification_beta_accepted(program);
            case "WAITLISTED" -> msg.notification_beta_waitlisted(program);
            case "DECLINED" -> msg.notification_beta_declined(program);
            case "REMOVED" -> msg.notification_beta_removed(program);
            default -> msg.notification_beta_changed(program);
        };
    }

    private static String status(Object name, SuggestionMessages msg) {
        SuggestionStatus status = SuggestionStatus.parse(text(name));
        return status == null ? text(name) : SuggestionLabels.label(status, msg);
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
