package org.rmel.method;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The acceptance rule of a revision: accept iff the revised trajectory verifies AND its LCP with
 * the seed is long enough: LCP(y_rev, y−) / |y−| ≥ θ (≥, as in the paper), where θ is
 * {@code tauMin} under {@link LcpRule#FIXED} and the attempt's own τ under
 * {@link LcpRule#PER_ATTEMPT}; with the filter off ({@link #off()}, Table 2's "w/o prefix")
 * every verified revision is accepted.
 *
 * <p>The ratio test is evaluated exactly as LCP ≥ θ·|y−| on the decimal value of θ, so it agrees
 * with {@link TruncationCut} and has no rounding surprises at the boundary.
 *
 * <p>Floor edge: the kept prefix at τ = θ has ⌊θ·n⌋ tokens. When θ·n is not an integer that is
 * just under θ·n, so a forced revision that diverges right at the cut fails the filter; the
 * continuation must first reproduce the seed's next token(s) (LCP ≥ ⌈θ·n⌉). Example: n = 11,
 * θ = 0.3 keeps 3 tokens, but acceptance needs LCP ≥ 3.3, i.e. ≥ 4. This is deliberate: the
 * paper's inequality is applied as written, not relaxed by the floor.
 *
 * @param rule   which threshold applies
 * @param tauMin the fixed threshold in [0, 1] (used by {@link LcpRule#FIXED})
 * @param filter false when the LCP filter is off: every verified revision is accepted
 */
public record RevisionAcceptance(LcpRule rule, double tauMin, boolean filter) {

    /** The paper's main setting. */
    public static final double DEFAULT_TAU_MIN = 0.3;

    public RevisionAcceptance {
        Objects.requireNonNull(rule, "rule");
        TruncationCut.requireRatio("tau_min", tauMin);
    }

    /** The fixed rule with threshold {@code tauMin} (0 accepts every verified revision). */
    public RevisionAcceptance(double tauMin) {
        this(LcpRule.FIXED, tauMin, true);
    }

    /** No LCP filter: any verified revision is accepted. */
    public static RevisionAcceptance off() {
        return new RevisionAcceptance(LcpRule.FIXED, 0.0, false);
    }

    /** The threshold θ for an attempt at truncation ratio {@code tau}. */
    public double threshold(double tau) {
        if (!filter) {
            return 0.0;
        }
        return rule == LcpRule.FIXED ? tauMin : tau;
    }

    /** Whether an LCP of {@code lcp} tokens against a seed of {@code seedLength} tokens is enough (fixed rule). */
    public boolean prefixKept(int lcp, int seedLength) {
        return prefixKept(lcp, seedLength, tauMin);
    }

    /** Whether an LCP of {@code lcp} tokens is enough for an attempt at truncation ratio {@code tau}. */
    public boolean prefixKept(int lcp, int seedLength, double tau) {
        double theta = threshold(tau);
        return BigDecimal.valueOf(lcp).compareTo(TruncationCut.exactProduct(theta, seedLength)) >= 0;
    }

    /** The full rule under the fixed threshold: verified and enough of the seed kept. */
    public boolean accepts(boolean verified, int lcp, int seedLength) {
        return verified && prefixKept(lcp, seedLength, tauMin);
    }

    /** The full rule for an attempt at {@code tau}: verified and enough of the seed kept. */
    public boolean accepts(boolean verified, int lcp, int seedLength, double tau) {
        return verified && prefixKept(lcp, seedLength, tau);
    }
}
