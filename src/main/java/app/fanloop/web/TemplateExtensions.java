package app.fanloop.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.qute.TemplateExtension;

/** Small formatting helpers for every template. */
@TemplateExtension
public class TemplateExtensions {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** "3 小时前" / "3 hours ago". */
    static String ago(Instant time, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return RelativeTime.format(time, SiteClock.current(), asLocale(locale));
    }

    /** An absolute time for title attributes and machine-readable datetime values. */
    static String dateTime(Instant time) {
        return time == null ? "" : DATE_TIME.format(time.atZone(siteZone()));
    }

    /**
     * The configured zone. Template extensions are static, so the SiteConfig bean is looked up rather than
     * injected, once per container (a lookup per row showed in the profile; bench/NOTES.md).
     */
    private static ZoneId siteZone() {
        ArcContainer container = Arc.container();
        Zone known = zone;
        if (known == null || known.container != container) {
            known = new Zone(container, container.instance(SiteConfig.class).get().zone());
            zone = known;
        }
        return known.zone;
    }

    private record Zone(ArcContainer container, ZoneId zone) {
    }

    private static volatile Zone zone;

    static String iso(Instant time) {
        return time == null ? "" : DateTimeFormatter.ISO_INSTANT.format(time);
    }

    static boolean isEnglish(Object ignored, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return "en".equals(asLocale(locale).getLanguage());
    }

    static Locale asLocale(Object locale) {
        return Locales.of(locale);
    }

    /** Relative times in both languages. */
    public static final class RelativeTime {
        private RelativeTime() {
        }

        public static String format(Instant time, Instant now, Locale locale) {
            if (time == null) {
                return "";
            }
            boolean english = "en".equals(locale.getLanguage());
            Duration age = Duration.between(time, now);
            if (age.isNegative() || age.toSeconds() < 60) {
                return english ? "just now" : "刚刚";
            }
            if (age.toMinutes() < 60) {
                return unit(age.toMinutes(), english, "minute", "分钟");
            }
            if (age.toHours() < 24) {
                return unit(age.toHours(), english, "hour", "小时");
            }
            if (age.toDays() < 30) {
                return unit(age.toDays(), english, "day", "天");
            }
            if (age.toDays() < 365) {
                return unit(age.toDays() / 30, english, "month", "个月");
            }
            return unit(age.toDays() / 365, english, "year", "年");
        }

        private static String unit(long n, boolean english, String en, String zh) {
            if (english) {
                return n + " " + en + (n == 1 ? "" : "s") + " ago";
            }
            return n + " " + zh + "前";
        }
    }
}
