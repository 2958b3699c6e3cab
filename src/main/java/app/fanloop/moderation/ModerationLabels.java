package app.fanloop.moderation;

import app.fanloop.web.Locales;
import io.quarkus.qute.TemplateExtension;

/** {reason.label} in the reader's language. */
@TemplateExtension
public class ModerationLabels {

    static String label(ReportReason reason, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        ModerationMessages msg = Locales.messages(ModerationMessages.class, locale);
        return switch (reason) {
            case SPAM -> msg.report_reason_spam();
            case ABUSE -> msg.report_reason_abuse();
            case OFF_TOPIC -> msg.report_reason_off_topic();
            case DUPLICATE -> msg.report_reason_duplicate();
            case OTHER -> msg.report_reason_other();
        };
    }
}
