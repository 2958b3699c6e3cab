package app.fanloop.release;

import app.fanloop.web.Locales;
import app.fanloop.web.WebMessages;
import io.quarkus.qute.TemplateExtension;

/** {channel.label}, {section.label}, {state.label} and {release.weekLabel} in the reader's language. */
@TemplateExtension
public class ReleaseLabels {

    static String label(ReleaseChannel channel, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return label(channel, Locales.messages(locale));
    }

    public static String label(ReleaseChannel channel, WebMessages msg) {
        return channel == ReleaseChannel.DEV ? msg.channel_dev() : msg.channel_stable();
    }

    static String label(ReleaseSection section, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        ReleaseMessages msg = Locales.messages(ReleaseMessages.class, locale);
        return switch (section) {
            case NEW -> msg.section_new();
            case IMPROVED -> msg.section_improved();
            case FIXED -> msg.section_fixed();
        };
    }

    static String label(ReleaseState state, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        ReleaseMessages msg = Locales.messages(ReleaseMessages.class, locale);
        return switch (state) {
            case DRAFT -> msg.release_state_draft();
            case SCHEDULED -> msg.release_state_scheduled();
            case PUBLISHED -> msg.release_state_published();
        };
    }

    /** "2025 年第 47 周" / "Week 47, 2025". */
    static String weekLabel(Release release, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return Locales.messages(ReleaseMessages.class, locale).release_week_of(release.weekYear(), release.weekNumber());
    }
}
