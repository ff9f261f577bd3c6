package org.socialmaturity.eventstore.checkpoint;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the platform signs checkpoints of its event store (docs/auditing.md). */
@ConfigMapping(prefix = "platform.checkpoints")
public interface CheckpointSettings {

    /**
     * The Ed25519 signing key: a 32-byte seed in base64 ({@code head -c32 /dev/urandom | base64}), from a Secret.
     * Required in production by every service that signs; elsewhere a process without one signs with a throwaway key
     * and says so.
     */
    Optional<String> signingKey();

    /**
     * Whether this service signs checkpoints (on its schedule or on demand): a signer loads its key at startup and, in
     * production, refuses to start without one.
     */
    @WithDefault("false")
    boolean signer();

    /** Whether this service signs the head on its own schedule (one service does: the one partners write through). */
    @WithDefault("false")
    boolean scheduled();

    /** How often the scheduled signer signs the head, when it moved. */
    @WithDefault("60s")
    Duration interval();
}
