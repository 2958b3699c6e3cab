package app.fanloop.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Structured data (schema.org JSON-LD) written by Jackson and made safe to place inside a
 * {@code <script type="application/ld+json">} element: {@code <}, {@code >} and {@code &} become {@code \}u escapes,
 * which JSON reads as the same characters, so no text a member wrote ({@code </script>}, {@code <!--}) can end the
 * element or start markup. The browser runs nothing here: the element is a data block, which the content security
 * policy's script-src does not govern.
 */
public final class JsonLd {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLd() {
    }

    /** The value (maps, lists, strings, numbers) as embeddable JSON. */
    public static String embeddable(Object value) {
        try {
            return escape(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("structured data that Jackson cannot write", e);
        }
    }

    static String escape(String json) {
        StringBuilder out = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
