package app.fanloop.suggestion;

import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

import app.fanloop.web.Locales;
import app.fanloop.web.WebMessages;

/** {status.label}, {kind.label}, {frequency.label} and {sort.label} in the reader's language. */
@TemplateExtension
public class SuggestionLabels {

    static String label(SuggestionStatus status, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return label(status, Locales.messages(SuggestionMessages.class, locale));
    }

    public static String label(SuggestionStatus status, SuggestionMessages msg) {
        return switch (status) {
            case OPEN -> msg.status_open();
            case UNDER_REVIEW -> msg.status_under_review();
            case PLANNED -> msg.status_planned();
            case IN_PROGRESS -> msg.status_in_progress();
            case SHIPPED -> msg.status_shipped();
            case DECLINED -> msg.status_declined();
            case MERGED -> msg.status_merged();
        };
    }

    static String label(SuggestionKind kind, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        WebMessages msg = messages(locale);
        return kind == SuggestionKind.BUG ? msg.kind_bug() : msg.kind_suggestion();
    }

    static String label(Frequency frequency, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        SuggestionMessages msg = Locales.messages(SuggestionMessages.class, locale);
        return switch (frequency) {
            case ALWAYS -> msg.frequency_always();
            case OFTEN -> msg.frequency_often();
            case SOMETIMES -> msg.frequency_sometimes();
            case RARELY -> msg.frequency_rarely();
        };
    }

    static String label(SuggestionSort sort, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        WebMessages msg = messages(locale);
        return switch (sort) {
            case TRENDING -> msg.sort_trending();
            case TOP -> Locales.messages(SuggestionMessages.class, locale).sort_top();
            case NEW -> msg.sort_new();
        };
    }

    /** A feature item's status, given by name (the suggestion page knows it only as text). */
    static String featureStatusLabel(String status, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return featureStatusLabel(status, Locales.messages(SuggestionMessages.class, locale));
    }

    public static String featureStatusLabel(String status, SuggestionMessages msg) {
        return switch (status) {
            case "BACKLOG" -> msg.feature_status_backlog();
            case "PLANNED" -> msg.feature_status_planned();
            case "IN_PROGRESS" -> msg.feature_status_in_progress();
            case "SHIPPED" -> msg.feature_status_shipped();
            case "CANCELLED" -> msg.feature_status_cancelled();
            default -> status;
        };
    }

    /** The badge colour of a feature item status: the colour of the suggestion status it leads to. */
    static String featureBadge(String status) {
        return switch (status) {
            case "PLANNED" -> "status-planned";
            case "IN_PROGRESS" -> "status-in-progress";
            case "SHIPPED" -> "status-shipped";
            case "CANCELLED" -> "status-declined";
            default -> "status-open";
        };
    }

    static WebMessages messages(Object locale) {
        return Locales.messages(locale);
    }
}
