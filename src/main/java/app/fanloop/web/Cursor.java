package app.fanloop.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Where a page of an API list ended: the sort key of its last item (e.g. pinned, votes, id), opaque to
 * clients (base64url). The next page asks for the rows after that key, so new posts arriving meanwhile
 * neither repeat nor skip a row; an index serves each sort, so a deep page costs what the first does.
 */
public record Cursor(List<String> keys) {

    private static final char SEPARATOR = '\u001f';

    public static Cursor of(Object... keys) {
        return new Cursor(Arrays.stream(keys).map(String::valueOf).toList());
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(String.valueOf(SEPARATOR), keys).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor a client sent back, expected to hold {@code size} keys; null when none was sent. Anything
     * not made by {@link #encode()} is the client's error (400, field {@code cursor}), never a 500.
     */
    public static Cursor parse(String text, int size) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.UTF_8);
            List<String> keys = List.of(decoded.split(String.valueOf(SEPARATOR), -1));
            if (keys.size() != size) {
                throw invalid();
            }
            return new Cursor(keys);
        } catch (IllegalArgumentException malformed) {
            throw invalid();
        }
    }

    public long longKey(int i) {
        try {
            return Long.parseLong(keys.get(i));
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    public double doubleKey(int i) {
        try {
            return Double.parseDouble(keys.get(i));
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    public boolean booleanKey(int i) {
        String key = keys.get(i);
        if (!key.equals("true") && !key.equals("false")) {
            throw invalid();
        }
        return Boolean.parseBoolean(key);
    }

    public java.time.Instant instantKey(int i) {
        try {
            return java.time.Instant.parse(keys.get(i));
        } catch (java.time.format.DateTimeParseException e) {
            throw invalid();
        }
    }

    private static FormInvalid invalid() {
        return new FormInvalid("cursor", FieldErrors.INVALID);
    }
}
