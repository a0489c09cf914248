package org.rmel.method;

/**
 * Which threshold the LCP filter applies to an attempt (setting {@code lcp_rule}). The paper writes
 * the filter twice: Section 3.2 step 3, inside the loop over τ, "LCP(y_rev+, y−)/|y−| ≥ τ" (the
 * attempt's own truncation ratio), and Section 4.1 / Table 2 "prefix constraint τ = 0.3" (one fixed
 * value beside the schedule 0.7, 0.5, 0.3).
 */
public enum LcpRule {
    /** LCP/|y−| ≥ τ_min, one value for every attempt (Section 4.1, Table 2). */
    FIXED("fixed"),
    /** LCP/|y−| ≥ τ of that attempt (Section 3.2 step 3 read literally). */
    PER_ATTEMPT("per_attempt");

    private final String wireName;

    LcpRule(String wireName) {
        this.wireName = wireName;
    }

    /** The name in run.json and {@code --set lcp_rule=...}. */
    public String wireName() {
        return wireName;
    }

    public static LcpRule fromName(String name) {
        return Names.parse(LcpRule.class, name, LcpRule::wireName, "lcp_rule");
    }
}
