package org.socialmaturity.scoring.benchmark;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "platform.benchmarks")
public interface BenchmarkSettings {

    /**
     * How old the companies a benchmark is computed from may be: one pass over every company's timeline document at
     * most this often, whatever the number of requests.
     */
    @WithDefault("10s")
    Duration refresh();
}
