package app.fanloop.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.qute.i18n.Message;

/**
 * Both languages say everything: a key in one bundle only, an empty text, or a {msg:key} a template
 * uses without a text fails the build (petclinic's I18nPropertiesSyncTest idea). No Quarkus needed.
 */
class MessageBundlesTest {

    private static final Path MESSAGES = Path.of("src/main/resources/messages");
    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final List<String> LANGUAGES = List.of("zh", "en");
    /** Each bundle: its name (the template namespace and file prefix) and its interface. */
    record Bundle(String name, Class<?> type) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Bundle> bundles() {
        return List.of(new Bundle("msg", AppMessages.class), new Bundle("ops", OpsMessages.class),
                new Bundle("hon", app.fanloop.honour.HonourMessages.class));
    }
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");
    private static final Pattern KEY_LINE = Pattern.compile("^\\s*([^#!\\s=:][^=:\\s]*)\\s*[=:]");

    @ParameterizedTest
    @MethodSource("bundles")
    void every_key_exists_in_both_languages_with_a_text(Bundle b) throws IOException {
        Map<String, Properties> bundles = texts(b);
        Set<String> all = new TreeSet<>();
        bundles.values().forEach(p -> all.addAll(p.stringPropertyNames()));

        List<String> problems = new ArrayList<>();
        for (String language : LANGUAGES) {
            Properties texts = bundles.get(language);
            for (String key : all) {
                if (!texts.containsKey(key)) {
                    problems.add(b + "_" + language + " lacks " + key);
                } else if (texts.getProperty(key).isBlank()) {
                    problems.add(b + "_" + language + " has no text for " + key);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @MethodSource("bundles")
    void no_key_is_written_twice(Bundle b) throws IOException {
        List<String> problems = new ArrayList<>();
        for (String language : LANGUAGES) {
            Set<String> seen = new HashSet<>();
            for (String line : Files.readAllLines(file(b, language), StandardCharsets.UTF_8)) {
                Matcher m = KEY_LINE.matcher(line);
                if (m.find() && !seen.add(m.group(1))) {
                    problems.add(b + "_" + language + " repeats " + m.group(1));
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @MethodSource("bundles")
    void both_languages_use_the_same_placeholders(Bundle b) throws IOException {
        Map<String, Properties> bundles = texts(b);
        Properties zh = bundles.get("zh");
        Properties en = bundles.get("en");
        List<String> problems = new ArrayList<>();
        for (String key : zh.stringPropertyNames()) {
            if (en.containsKey(key) && !placeholders(zh.getProperty(key)).equals(placeholders(en.getProperty(key)))) {
                problems.add(key + ": " + placeholders(zh.getProperty(key)) + " vs " + placeholders(en.getProperty(key)));
            }
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @MethodSource("bundles")
    void every_message_a_template_uses_has_texts(Bundle b) throws IOException {
        Map<String, Properties> bundles = texts(b);
        Pattern templateKey = Pattern.compile("\\{" + b.name() + ":([A-Za-z0-9_]+)");
        Map<String, Set<String>> missing = new TreeMap<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path template : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher m = templateKey.matcher(Files.readString(template, StandardCharsets.UTF_8));
                while (m.find()) {
                    for (String language : LANGUAGES) {
                        if (!bundles.get(language).containsKey(m.group(1))) {
                            missing.computeIfAbsent(TEMPLATES.relativize(template).toString(), t -> new TreeSet<>())
                                    .add(m.group(1) + " (" + language + ")");
                        }
                    }
                }
            }
        }
        assertEquals(Map.of(), missing);
    }

    @ParameterizedTest
    @MethodSource("bundles")
    void every_message_of_the_bundle_interface_has_texts(Bundle b) throws IOException {
        Map<String, Properties> bundles = texts(b);
        List<String> methods = Arrays.stream(b.type().getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Message.class)).map(Method::getName).sorted().toList();
        assertTrue(methods.size() > 50, "the bundle interface was read");
        // Qute's generated resolver breaks at 300 messages in one bundle (see OpsMessages).
        assertTrue(methods.size() < 300, b + " has " + methods.size() + " messages; split it");

        List<String> problems = new ArrayList<>();
        for (String language : LANGUAGES) {
            for (String key : methods) {
                if (!bundles.get(language).containsKey(key)) {
                    problems.add(b + "_" + language + " lacks " + key);
                }
            }
            Set<String> unused = new TreeSet<>(bundles.get(language).stringPropertyNames());
            unused.removeAll(methods);
            unused.forEach(key -> problems.add(b + "_" + language + " has " + key + ", which " + b.type().getSimpleName()
                    + " does not declare"));
        }
        assertEquals(List.of(), problems);
    }

    private static Set<String> placeholders(String text) {
        return PLACEHOLDER.matcher(text).results().map(r -> r.group(1)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, Properties> texts(Bundle b) throws IOException {
        Map<String, Properties> bundles = new TreeMap<>();
        for (String language : LANGUAGES) {
            Properties texts = new Properties();
            try (Reader reader = Files.newBufferedReader(file(b, language), StandardCharsets.UTF_8)) {
                texts.load(reader);
            }
            bundles.put(language, texts);
        }
        return bundles;
    }

    private static Path file(Bundle b, String language) {
        return MESSAGES.resolve(b.name() + "_" + language + ".properties");
    }
}
