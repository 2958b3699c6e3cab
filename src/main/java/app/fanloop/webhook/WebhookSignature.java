package app.fanloop.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a delivery: {@code Fanloop-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}
 * under the endpoint's secret (the whole "whsec_…" string, as UTF-8). The timestamp is signed with the body, so a
 * receiver that refuses old timestamps refuses replays (README, Webhooks).
 */
public final class WebhookSignature {

    public static final String HEADER = "Fanloop-Signature";

    private WebhookSignature() {
    }

    public static String header(String secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds + "." + body);
    }

    public static String hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
