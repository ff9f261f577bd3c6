package org.socialmaturity.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The operator's {@code X-Admin-Key}, from {@code PLATFORM_ADMIN_KEY} (a Secret in Kubernetes). */
@Singleton
public class AdminKey {

    public static final String HEADER = "X-Admin-Key";

    private final byte[] key;

    AdminKey(@ConfigProperty(name = "platform.admin-key") String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    /** Compared in constant time, so that timing does not tell how much of a guess was right. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.UTF_8));
    }
}
