package app.fanloop.honour;

import app.fanloop.web.Locales;
import io.quarkus.qute.TemplateExtension;

/** {reason.label}, {medal.label}, {medal.description} and {point.revokedLabel} in the reader's language. */
@TemplateExtension
public class HonourLabels {

    static String label(PointReason reason, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        HonourMessages hon = messages(locale);
        return switch (reason) {
            case POSTED -> hon.reason_posted();
            case VOTE_RECEIVED -> hon.reason_vote_received();
            case COMMENTED -> hon.reason_commented();
            case ADOPTED -> hon.reason_adopted();
            case SHIPPED -> hon.reason_shipped();
            case REPORT_UPHELD -> hon.reason_report_upheld();
        };
    }

    static String label(Medal medal, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        HonourMessages hon = messages(locale);
        return switch (medal) {
            case FIRST_SUGGESTION -> hon.medal_first_suggestion();
            case FIRST_ADOPTED -> hon.medal_first_adopted();
            case FIRST_SHIPPED -> hon.medal_first_shipped();
            case TEN_SHIPPED -> hon.medal_ten_shipped();
            case TOP_WEEKLY -> hon.medal_top_weekly();
            case ONE_YEAR -> hon.medal_one_year();
            case BETA_TESTER -> hon.medal_beta_tester();
        };
    }

    static String description(Medal medal, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        HonourMessages hon = messages(locale);
        return switch (medal) {
            case FIRST_SUGGESTION -> hon.medal_first_suggestion_desc();
            case FIRST_ADOPTED -> hon.medal_first_adopted_desc();
            case FIRST_SHIPPED -> hon.medal_first_shipped_desc();
            case TEN_SHIPPED -> hon.medal_ten_shipped_desc();
            case TOP_WEEKLY -> hon.medal_top_weekly_desc();
            case ONE_YEAR -> hon.medal_one_year_desc();
            case BETA_TESTER -> hon.medal_beta_tester_desc();
        };
    }

    static String revokedLabel(HonourPoint point, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        if (point.revokedCause == null) {
            return "";
        }
        HonourMessages hon = messages(locale);
        return switch (point.revokedCause) {
            case "HIDDEN" -> hon.taken_back_hidden();
            case "PURGED" -> hon.taken_back_purged();
            default -> hon.taken_back_withdrawn();
        };
    }

    static HonourMessages messages(Object locale) {
        return Locales.messages(HonourMessages.class, locale);
    }
}
