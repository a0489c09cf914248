package org.rmel.method;

import java.math.BigDecimal;

/**
 * The acceptance rule of a revision: accept iff the revised trajectory verifies AND
 * LCP(y_rev, y−) / |y−| ≥ τ_min (≥, as in the paper).
 *
 * <p>The ratio test is evaluated exactly as LCP ≥ τ_min·|y−| on the decimal value of τ_min, so
 * it agrees with {@link TruncationCut} and has no rounding surprises at the boundary.
 *
 * <p>Floor edge: the kept prefix at τ = τ_min has ⌊τ_min·n⌋ tokens. When τ_min·n is not an
 * integer that is just under τ_min·n, so a revision that diverges right at the cut fails the
 * filter; the continuation must first reproduce the seed's next token(s) (LCP ≥ ⌈τ_min·n⌉).
 * Example: n = 11, τ_min = 0.3 keeps 3 tokens, but acceptance needs LCP ≥ 3.3, i.e. ≥ 4.
 * This is deliberate: the paper's inequality is applied as written, not relaxed by the floor.
 *
 * @param tauMin the minimum LCP ratio in [0, 1]; 0 accepts every verified revision
 */
public record RevisionAcceptance(double tauMin) {

    /** The paper's main setting. */
    public static final double DEFAULT_TAU_MIN = 0.3;

    public RevisionAcceptance {
        TruncationCut.requireRatio("tau_min", tauMin);
    }

    /** Whether an LCP of {@code lcp} tokens against a seed of {@code seedLength} tokens is enough. */
    public boolean prefixKept(int lcp, int seedLength) {
        return BigDecimal.valueOf(lcp).compareTo(TruncationCut.exactProduct(tauMin, seedLength)) >= 0;
    }

    /** The full rule: verified and enough of the seed kept. */
    public boolean accepts(boolean verified, int lcp, int seedLength) {
        return verified && prefixKept(lcp, seedLength);
    }
}
