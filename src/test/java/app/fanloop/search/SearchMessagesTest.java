package app.fanloop.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** Every text the search pages use exists in Chinese and in English, and SearchMessages declares it. */
class SearchMessagesTest {

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (var in = new InputStreamReader(SearchMessagesTest.class.getResourceAsStream("/messages/" + name),
                StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    @Test
    void search_texts_exist_in_both_languages() throws IOException {
        Set<String> declared = Arrays.stream(SearchMessages.class.getDeclaredMethods()).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertFalse(declared.isEmpty());
        for (String language : new String[] { "zh", "en" }) {
            Properties texts = load("srch_" + language + ".properties");
            assertEquals(declared, new TreeSet<>(texts.stringPropertyNames()), "srch_" + language);
            for (String key : declared) {
                assertFalse(texts.getProperty(key).isBlank(), "srch_" + language + " has no text for " + key);
            }
        }
    }
}
