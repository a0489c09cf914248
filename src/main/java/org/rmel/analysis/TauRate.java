package org.rmel.analysis;

/**
 * Revision attempts at one truncation ratio: {@code accepted} counts accepted attempts over all
 * attempts at τ; {@code verified} counts those whose answer verified (accepted or rejected by the
 * LCP filter), so verified − accepted is what τ_min filtered out.
 */
public record TauRate(double tau, Rate accepted, long verified) {
}
