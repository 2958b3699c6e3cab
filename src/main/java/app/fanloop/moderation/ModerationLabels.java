package app.fanloop.moderation;

import app.fanloop.web.OpsMessages;
import app.fanloop.web.Locales;
import io.quarkus.qute.TemplateExtension;

/** {reason.label} in the reader's language. */
@TemplateExtension
public class ModerationLabels {

    static String label(ReportReason reason, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        OpsMessages msg = Locales.ops(locale);
        return switch (reason) {
            case SPAM -> msg.report_reason_spam();
            case ABUSE -> msg.report_reason_abuse();
            case OFF_TOPIC -> msg.report_reason_off_topic();
            case DUPLICATE -> msg.report_reason_duplicate();
            case OTHER -> msg.report_reason_other();
        };
    }
}
