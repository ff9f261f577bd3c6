package org.socialmaturity.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Lets the platform operator in: {@code X-Admin-Key} must equal the configured admin key. */
@Singleton
public class AdminGuard {

    public static final String ADMIN_KEY = "X-Admin-Key";

    private final byte[] adminKey;

    AdminGuard(@ConfigProperty(name = "platform.admin-key") String adminKey) {
        this.adminKey = adminKey.getBytes(StandardCharsets.UTF_8);
    }

    /** @throws ApiProblem 401 without a key, 403 with a wrong one */
    public void require(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank()) {
            throw ApiProblem.unauthorized("This operation needs the operator's " + ADMIN_KEY);
        }
        // Constant time, so that the comparison does not tell how much of a guess was right.
        if (!MessageDigest.isEqual(adminKey, presentedKey.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiProblem(403, "forbidden", "Forbidden", "The " + ADMIN_KEY + " is not the operator's", List.of());
        }
    }
}
