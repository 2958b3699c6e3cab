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
 * nobody can forge a link for someone else. Tokens do not expire: old mails keep working.
 */
@ApplicationScoped
public class UnsubscribeTokens {

    private static final int SIGNATURE_BYTES = 16;

    private final byte[] secret;

    UnsubscribeTokens(NotificationConfig config) {
        this.secret = config.unsubscribeSecret().getBytes(StandardCharsets.UTF_8);
    }

    public String tokenFor(long memberId) {
        return memberId + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(signature(memberId));
    }

    /** The member a token was made for, if the token is genuine. */
    public OptionalLong memberOf(String token) {
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
            return MessageDigest.isEqual(given, signature(memberId)) ? OptionalLong.of(memberId) : OptionalLong.empty();
        } catch (IllegalArgumentException malformed) {
            return OptionalLong.empty();
        }
    }

    private byte[] signature(long memberId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] full = mac.doFinal(("unsubscribe:" + memberId).getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(full, SIGNATURE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
