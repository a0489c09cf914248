package org.rmel.method;

/** Where a contrastive pair came from: a naturally mixed group, or an accepted revision. */
public enum PairSource {
    NATURAL("natural"),
    REVISION("revision");

    private final String wireName;

    PairSource(String wireName) {
        this.wireName = wireName;
    }

    /** The name in {@code meta_experience} events ({@code source}). */
    public String wireName() {
        return wireName;
    }

    /** Parses a wire name. */
    public static PairSource fromWireName(String name) {
        for (PairSource s : values()) {
            if (s.wireName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown pair source '" + name + "'; valid: natural, revision");
    }
}
