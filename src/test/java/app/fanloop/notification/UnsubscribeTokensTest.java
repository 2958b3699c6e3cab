package app.fanloop.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.reflect.Proxy;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/** The signed unsubscribe token, without the application. */
class UnsubscribeTokensTest {

    private final UnsubscribeTokens tokens = new UnsubscribeTokens(secret("a server secret"));

    @Test
    void a_token_names_the_member_it_was_made_for() {
        assertEquals(OptionalLong.of(42), tokens.memberOf(tokens.tokenFor(42)));
        assertEquals(OptionalLong.of(7), tokens.memberOf(tokens.tokenFor(7)));
    }

    @Test
    void a_tampered_signature_is_refused() {
        String token = tokens.tokenFor(42);
        int first = "42-".length(); // the signature's first character carries six whole bits
        char c = token.charAt(first);
        String tampered = token.substring(0, first) + (c == 'A' ? 'B' : 'A') + token.substring(first + 1);
        assertEquals(OptionalLong.empty(), tokens.memberOf(tampered));
    }

    @Test
    void another_members_id_with_this_signature_is_refused() {
        String signature = tokens.tokenFor(42).substring("42-".length());
        assertEquals(OptionalLong.empty(), tokens.memberOf("43-" + signature));
        assertNotEquals(tokens.tokenFor(42), tokens.tokenFor(43));
    }

    @Test
    void a_token_signed_under_another_secret_is_refused() {
        UnsubscribeTokens elsewhere = new UnsubscribeTokens(secret("another secret"));
        assertEquals(OptionalLong.empty(), tokens.memberOf(elsewhere.tokenFor(42)));
    }

    @Test
    void malformed_tokens_are_refused_without_an_error() {
        for (String token : new String[] { null, "", "42", "-abc", "x-abc", "42-!!!", "42-", "4".repeat(101) }) {
            assertEquals(OptionalLong.empty(), tokens.memberOf(token), String.valueOf(token));
        }
    }

    /** A configuration that only knows the unsubscribe secret (the only part the tokens read). */
    private static NotificationConfig secret(String secret) {
        return (NotificationConfig) Proxy.newProxyInstance(NotificationConfig.class.getClassLoader(),
                new Class<?>[] { NotificationConfig.class }, (proxy, method, args) -> {
                    if (method.getName().equals("unsubscribeSecret")) {
                        return secret;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
