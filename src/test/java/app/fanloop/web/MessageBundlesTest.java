package app.fanloop.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.qute.i18n.Message;

/**
 * Both languages say everything: a key in one language only, an empty text, or a {ns:key} a template
 * uses without a text fails the build (petclinic's I18nPropertiesSyncTest idea); and each key has one
 * home, in one feature's bundle. No Quarkus needed.
 */
class MessageBundlesTest {

    private static final Path MESSAGES = Path.of("src/main/resources/messages");
    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern BUNDLE = Pattern.compile("@MessageBundle\\(value = \"([a-z]+)\"");
    /** Qute's generated resolver breaks at 300 messages in one bundle; a feature past this is two. */
    private static final int MOST_MESSAGES = 250;
    private static final List<String> LANGUAGES = List.of("zh", "en");
    /** Each bundle: its name (the template namespace and file prefix) and its interface. */
    record Bundle(String name, Class<?> type) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Every bundle of the main code, found by its @MessageBundle, so a new feature's bundle is checked too. */
    static List<Bundle> bundles() throws IOException {
        List<Bundle> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path source : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                Matcher m = BUNDLE.matcher(Files.readString(source, StandardCharsets.UTF_8));
                if (m.find()) {
                    String name = SOURCES.relativize(source).toString().replace(".java", "").replace('/', '.');
                    try {
                        found.add(new Bundle(m.group(1), Class.forName(name)));
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(name, e);
                    }
                }
            }
        }
        return found;
    }
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");
    private static final Pattern KEY_LINE = Pattern.compile("^\\s*([^#!\\s=:][^=:\\s]*)\\s*[=:]");

    @Test
    void every_file_of_texts_belongs_to_a_bundle() throws IOException {
        Set<String> files;
        try (Stream<Path> texts = Files.list(MESSAGES)) {
            files = texts.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("_zh.properties"))
                    .map(n -> n.substring(0, n.length() - "_zh.properties".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertTrue(files.contains("hon"), "the texts were read");
        assertEquals(files, bundles().stream().map(Bundle::name).collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void no_key_is_defined_in_two_bundles() throws IOException {
        Map<String, Set<String>> homes = new TreeMap<>();
        for (Bundle b : bundles()) {
            for (String language : LANGUAGES) {
                for (String key : texts(b).get(language).stringPropertyNames()) {
                    homes.computeIfAbsent(key, k -> new TreeSet<>()).add(b.name());
                }
            }
        }
        homes.values().removeIf(names -> names.size() == 1);
        assertEquals(Map.of(), homes);
    }

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
        assertFalse(methods.isEmpty(), b + ": the bundle interface was read");
        assertTrue(methods.size() <= MOST_MESSAGES, b + " has " + methods.size() + " messages; split it");

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
