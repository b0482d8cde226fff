package com.promisevalidator.replay.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Shadow runs (prefix promise.shadow); see rules/README.md "Shadow run". */
@ConfigMapping(prefix = "promise.shadow")
public interface ShadowConfig {
    /** Live quotes waiting for the candidate; when full, a quote is dropped (counted), never waited for. */
    @WithDefault("1000")
    int queue();

    /** Differences kept with both answers: the first this many, and as many more sampled from the rest. */
    @WithDefault("20")
    int samples();

    /** On stop, how long quotes already queued may still be compared before they count as dropped. */
    @WithDefault("5s")
    java.time.Duration drainOnStop();
}
