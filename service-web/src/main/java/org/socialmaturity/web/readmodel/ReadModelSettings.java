package org.socialmaturity.web.readmodel;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How read models are built and rebuilt. */
@ConfigMapping(prefix = "platform.read-models")
public interface ReadModelSettings {

    /**
     * Events per tracking batch of a read model's processor: the documents of a batch are read once and written once,
     * so a rebuild runs faster with larger batches, up to the memory one batch holds.
     */
    @WithDefault("1000")
    int batchSize();

    /** How often each replica lines its processors up with the generations, and records a rebuild's progress. */
    @WithDefault("500ms")
    Duration reconcileInterval();

    /** How long a retired generation is kept after the switch, for reads that began before it, then dropped. */
    @WithDefault("10s")
    Duration dropAfter();
}
