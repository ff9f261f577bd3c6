package org.socialmaturity.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.socialmaturity.gateway.Problems.Problem;

/** The operator's {@code X-Admin-Key}, from {@code PLATFORM_ADMIN_KEY} (a Secret in Kubernetes). */
@Singleton
public class AdminKey {

    public static final String HEADER = "X-Admin-Key";

    private final byte[] key;

    AdminKey(@ConfigProperty(name = "platform.admin-key") String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Why a call does not get the operator's rights, as the services answer it (401 without a key, 403 with a wrong
     * one); empty when the key is the operator's. Compared in constant time, so that timing does not tell how much
     * of a guess was right.
     */
    public Optional<Problem> refusal(String presented) {
        if (presented == null || presented.isBlank()) {
            return Optional.of(Problem.unauthorized("This operation needs the operator's " + HEADER));
        }
        if (!MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(new Problem(403, "forbidden", "Forbidden", "The " + HEADER + " is not the operator's"));
        }
        return Optional.empty();
    }
}
