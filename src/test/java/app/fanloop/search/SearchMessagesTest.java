package app.fanloop.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

import app.fanloop.web.AppMessages;

/** Every text the search pages use exists in Chinese and in English, and AppMessages declares it. */
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
        Properties zh = load("msg_zh.properties");
        Properties en = load("msg_en.properties");
        Set<String> declared = Arrays.stream(AppMessages.class.getDeclaredMethods()).map(Method::getName)
                .filter(n -> n.startsWith("search_") || n.startsWith("similar_") || n.equals("nav_search"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertFalse(declared.isEmpty());
        for (String key : declared) {
            assertTrue(zh.containsKey(key), "msg_zh lacks " + key);
            assertTrue(en.containsKey(key), "msg_en lacks " + key);
        }
        Set<String> inFiles = zh.stringPropertyNames().stream()
                .filter(n -> n.startsWith("search_") || n.startsWith("similar_") || n.equals("nav_search"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(declared, inFiles);
    }
}
