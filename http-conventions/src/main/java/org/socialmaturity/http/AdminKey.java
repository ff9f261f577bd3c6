package org.socialmaturity.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The operator's {@code X-Admin-Key}, from {@code PLATFORM_ADMIN_KEY} (a Secret in Kubernetes): the one check of it, for
 * the gateway's own operations and the services' alike.
 */
@Singleton
public class AdminKey {

    public static final String HEADER = "X-Admin-Key";

    private final byte[] key;

    AdminKey(@ConfigProperty(name = "platform.admin-key") String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    /** Why a call does not get the operator's rights (401 without a key, 403 with a wrong one); empty when it does. */
    public Optional<ApiProblem> refusal(String presented) {
        if (presented == null || presented.isBlank()) {
            return Optional.of(ApiProblem.unauthorized("This operation needs the operator's " + HEADER));
        }
        if (!matches(key, presented)) {
            return Optional.of(ApiProblem.forbidden("The " + HEADER + " is not the operator's"));
        }
        return Optional.empty();
    }

    /** @throws ApiProblem 401 without a key, 403 with a wrong one */
    public void require(String presented) {
        Optional<ApiProblem> refusal = refusal(presented);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
    }

    /** Compared in constant time, so that timing does not tell how much of a guess was right. */
    public static boolean matches(byte[] secret, String presented) {
        return presented != null && MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8));
    }
}
