package app.fanloop.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The app reads the time from one clock (SiteClock) and the calendar's zone from one setting (SiteConfig):
 * a test that moves the clock moves every deadline, and changing the zone changes every day boundary.
 * A plain scan of the main sources, no application needed.
 */
class OneClockOneZoneTest {

    private static final Path MAIN = Path.of("src/main/java/app/fanloop");

    /** The clock and the configuration: the only homes of the system time and the zone's name. */
    private static final Set<String> ALLOWED = Set.of("web/SiteClock.java", "web/SiteConfig.java");

    /** Reading the system time directly, or naming a zone (a Java zone id, an IANA name, an SQL zone literal). */
    static final Pattern FORBIDDEN = Pattern.compile(
            "\\b(Instant|LocalDate|LocalDateTime|LocalTime|ZonedDateTime|OffsetDateTime|Year|YearMonth)\\.now\\("
                    + "|\\bClock\\.system"
                    + "|\\bZoneId\\.(of|systemDefault)\\("
                    + "|\"(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)/[A-Za-z_+-]+\""
                    + "|(?i:time zone\\s*')");

    @Test
    void only_the_site_clock_and_config_read_the_time_or_name_a_zone() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                String name = MAIN.relativize(f).toString().replace('\\', '/');
                if (ALLOWED.contains(name)) {
                    return;
                }
                List<String> lines = read(f);
                for (int i = 0; i < lines.size(); i++) {
                    if (FORBIDDEN.matcher(lines.get(i)).find()) {
                        found.add(name + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            });
        }
        assertEquals(List.of(), found, "use SiteClock.now() and SiteConfig.zone() instead");
    }

    @Test
    void the_scan_recognises_each_way_of_reading_the_time_or_naming_a_zone() {
        for (String line : List.of("Instant now = Instant.now();", "LocalDate.now(zone)", "ZonedDateTime.now()",
                "Clock.systemUTC()", "ZoneId.of(\"UTC\")", "ZoneId.systemDefault()", "@WithDefault(\"Asia/Shanghai\")",
                "at time zone 'Asia/Shanghai'", "AT TIME ZONE 'UTC'")) {
            assertTrue(FORBIDDEN.matcher(line).find(), line);
        }
        for (String line : List.of("Instant now = clock.now();", "at time zone :zone", "site.zone()",
                "\"text/html\"", "\"MemberAdminResource/show\"")) {
            assertFalse(FORBIDDEN.matcher(line).find(), line);
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
