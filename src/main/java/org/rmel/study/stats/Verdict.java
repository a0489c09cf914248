package org.rmel.study.stats;

/** What a study says about one of the paper's claims, judged on 95 % intervals. */
public enum Verdict {
    /** The interval supports the claim (the difference is in the claimed direction and excludes 0; an equivalence margin is met). */
    REPLICATES("replicates"),
    /** The estimate agrees with the claim (or the paper's value lies in the interval) but the interval does not establish it. */
    CONSISTENT("consistent, not established"),
    /** The estimate points the other way, but the interval does not exclude the claim. */
    NOT_REPLICATED("not replicated"),
    /** The interval excludes the claim. */
    CONTRADICTED("contradicted"),
    /** The study lacks a condition, a benchmark or finished runs the claim needs. */
    NOT_TESTABLE("not testable");

    public final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** A claimed sign (+1: the difference is positive, −1: negative) against an interval. */
    static Verdict direction(Estimate e, int sign) {
        if (!e.present() || Double.isNaN(e.low())) {
            return NOT_TESTABLE;
        }
        if (sign > 0 ? e.above(0) : e.below(0)) {
            return REPLICATES;
        }
        if (sign > 0 ? e.below(0) : e.above(0)) {
            return CONTRADICTED;
        }
        return sign * e.value() > 0 ? CONSISTENT : NOT_REPLICATED;
    }

    /** The weakest of several verdicts (all must hold for the claim). */
    static Verdict all(Verdict... vs) {
        Verdict worst = REPLICATES;
        for (Verdict v : vs) {
            if (v.ordinal() > worst.ordinal()) {
                worst = v;
            }
        }
        return worst;
    }
}
