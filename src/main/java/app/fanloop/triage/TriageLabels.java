package app.fanloop.triage;

import app.fanloop.suggestion.SuggestionLabels;
import app.fanloop.suggestion.SuggestionMessages;
import app.fanloop.web.Locales;
import app.fanloop.web.WebMessages;
import io.quarkus.qute.TemplateExtension;

/** Labels of the console's enums in the reader's language. */
@TemplateExtension
public class TriageLabels {

    static String label(FeatureItemStatus status, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return SuggestionLabels.featureStatusLabel(status.name(), Locales.messages(SuggestionMessages.class, locale));
    }

    static String label(InboxQuery.Sort sort, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        WebMessages msg = Locales.messages(locale);
        TriageMessages tri = Locales.messages(TriageMessages.class, locale);
        return switch (sort) {
            case PRIORITY -> tri.inbox_sort_priority();
            case VOTES -> tri.inbox_sort_votes();
            case TRENDING -> msg.sort_trending();
            case NEWEST -> msg.sort_new();
            case WAITING -> tri.inbox_sort_waiting();
        };
    }

    static String label(InboxQuery.Age age, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        TriageMessages msg = Locales.messages(TriageMessages.class, locale);
        return switch (age) {
            case DAY -> msg.inbox_age_day();
            case WEEK -> msg.inbox_age_week();
            case MONTH -> msg.inbox_age_month();
            case OLDER -> msg.inbox_age_older();
        };
    }

    static String label(FeatureItemResource.Sort sort, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        TriageMessages tri = Locales.messages(TriageMessages.class, locale);
        return switch (sort) {
            case DEMAND -> tri.feature_demand();
            case PRIORITY -> tri.feature_priority();
            case STATUS -> Locales.messages(locale).status_label();
        };
    }
}
