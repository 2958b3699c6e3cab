package app.fanloop.notification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The signed token in every e-mail's unsubscribe link: the member id and an HMAC-SHA256 of it under
 * a server secret, so anyone holding the mail can unsubscribe that member without signing in, and
 * nobody can forge a link for someone else. Tokens do not expire: old mails keep working. A token for one category
 * of notification (the per-kind link in every mail line) signs the category with the member, so it unsubscribes from
 * that category only, and a token of one category is no token of another nor of all e-mail.
 */
@ApplicationScoped
public class UnsubscribeTokens {

    private static final int SIGNATURE_BYTES = 16;

    private final byte[] secret;

    UnsubscribeTokens(NotificationConfig config) {
        this.secret = config.unsubscribeSecret().getBytes(StandardCharsets.UTF_8);
    }

    public String tokenFor(long memberId) {
        return memberId + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(signature("unsubscribe:" + memberId));
    }

    /** The token that unsubscribes the member from one category's e-mail. */
    public String tokenFor(long memberId, NotificationCategory category) {
        return memberId + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(signature(signed(memberId, category)));
    }

    /** The member a token was made for, if the token is genuine (a token for all e-mail). */
    public OptionalLong memberOf(String token) {
        return memberOf(token, null);
    }

    /** The member a token for {@code category} (null: for all e-mail) was made for, if the token is genuine. */
    public OptionalLong memberOf(String token, NotificationCategory category) {
        if (token == null || token.length() > 100) {
            return OptionalLong.empty();
        }
        int dash = token.indexOf('-');
        if (dash <= 0) {
            return OptionalLong.empty();
        }
        try {
            long memberId = Long.parseLong(token.substring(0, dash));
            byte[] given = Base64.getUrlDecoder().decode(token.substring(dash + 1));
            byte[] expected = signature(category == null ? "unsubscribe:" + memberId : signed(memberId, category));
            return MessageDigest.isEqual(given, expected) ? OptionalLong.of(memberId) : OptionalLong.empty();
        } catch (IllegalArgumentException malformed) {
            return OptionalLong.empty();
        }
    }

    private static String signed(long memberId, NotificationCategory category) {
        return "unsubscribe:" + memberId + ":" + category.name();
    }

    private byte[] signature(String what) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] full = mac.doFinal(what.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(full, SIGNATURE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
