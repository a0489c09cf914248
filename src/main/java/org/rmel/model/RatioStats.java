package org.rmel.model;

/**
 * Token counts and sums over the policy-gradient tokens of one or more optimizer steps, from which
 * the PPO diagnostics follow (VERL's {@code pg_clipfrac}, {@code pg_clipfrac_lower},
 * {@code ppo_kl}). Every response token counts, zero-advantage ones included, as in VERL's
 * response mask. With r = exp(clamp(log π_θ − log π_old, ±20)) and advantage A of the token:
 *
 * @param tokens policy-gradient tokens
 * @param zeroAdvantage tokens whose advantage is 0 (all-correct or all-wrong groups)
 * @param clippedLow tokens with A < 0 and r < 1 − clip_ratio_low (the lower clip binds)
 * @param clippedHigh tokens with A > 0 and r > 1 + clip_ratio_high (the upper clip binds)
 * @param clippedDual tokens with A < 0 and r > clip_ratio_c (the dual clip binds)
 * @param ratioSum Σ r
 * @param ratioMin smallest r (+∞ with no tokens)
 * @param ratioMax largest r (−∞ with no tokens)
 * @param oldMinusNewSum Σ (log π_old − log π_θ), the clamped log-ratio negated
 */
public record RatioStats(long tokens, long zeroAdvantage, long clippedLow, long clippedHigh, long clippedDual,
        double ratioSum, double ratioMin, double ratioMax, double oldMinusNewSum) {

    public static final RatioStats EMPTY = new RatioStats(0, 0, 0, 0, 0, 0, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 0);

    public RatioStats plus(RatioStats o) {
        return new RatioStats(tokens + o.tokens, zeroAdvantage + o.zeroAdvantage, clippedLow + o.clippedLow,
                clippedHigh + o.clippedHigh, clippedDual + o.clippedDual, ratioSum + o.ratioSum,
                Math.min(ratioMin, o.ratioMin), Math.max(ratioMax, o.ratioMax), oldMinusNewSum + o.oldMinusNewSum);
    }

    /** VERL's {@code pg_clipfrac}: share of tokens where the (lower or upper) ratio clip binds. */
    public double clipFraction() {
        return share(clippedLow + clippedHigh);
    }

    public double clipFractionLow() {
        return share(clippedLow);
    }

    public double clipFractionHigh() {
        return share(clippedHigh);
    }

    /** VERL's {@code pg_clipfrac_lower}: share of tokens where the dual clip binds. */
    public double clipFractionDual() {
        return share(clippedDual);
    }

    /** VERL's {@code ppo_kl}: the token mean of log π_old − log π_θ. */
    public double ppoKl() {
        return tokens == 0 ? Double.NaN : oldMinusNewSum / tokens;
    }

    public double ratioMean() {
        return tokens == 0 ? Double.NaN : ratioSum / tokens;
    }

    public double zeroAdvantageFraction() {
        return share(zeroAdvantage);
    }

    private double share(long n) {
        return tokens == 0 ? Double.NaN : n / (double) tokens;
    }
}
