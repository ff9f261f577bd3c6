package org.socialmaturity.web.privacy;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where data subjects' keys live, apart from the event store, and how long a process trusts one it read. */
@ConfigMapping(prefix = "platform.privacy")
public interface PrivacySettings {

    /** The database of the data subjects' keys: never the event store's, so that erasing one leaves the log whole. */
    @WithDefault("platform-keys")
    String keyDatabase();

    /**
     * How long a process keeps a key it read. An erasure by another process shows there within this time; the
     * process that erases forgets at once.
     */
    @WithDefault("5s")
    Duration keyCacheTtl();
}
