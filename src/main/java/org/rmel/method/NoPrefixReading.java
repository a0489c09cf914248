package org.rmel.method;

/**
 * What Table 2's "R-MEL w/o prefix (τ = 0)" does (setting {@code no_prefix_reading}, used by the
 * condition {@code r-mel-no-prefix}).
 */
public enum NoPrefixReading {
    /**
     * The prefix constraint is removed: same truncation schedule, no LCP filter — Section 4.3's
     * "Removing the prefix constraint (τ = 0, accepting any correct revision)".
     */
    NO_FILTER("no_filter"),
    /**
     * The truncation ratio is 0: every attempt keeps no prefix, i.e. it is a fresh rollout, and a
     * correct one is paired with the seed.
     */
    FRESH_ROLLOUT("fresh_rollout");

    private final String wireName;

    NoPrefixReading(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static NoPrefixReading fromName(String name) {
        return Names.parse(NoPrefixReading.class, name, NoPrefixReading::wireName, "no_prefix_reading");
    }
}
