package org.socialmaturity.recommendations.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a delivery proves it comes from the platform: {@code X-Signature: sha256=<hex HMAC-SHA256 of the exact body>},
 * keyed with the subscription's secret, which the partner's endpoint recomputes over the bytes it received.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Signature";

    private WebhookSignature() {
    }

    /** The header's value for this body. */
    public static String of(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
