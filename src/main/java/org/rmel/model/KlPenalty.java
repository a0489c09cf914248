package org.rmel.model;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.List;

/**
 * The per-token estimate of KL(π_θ ‖ π_ref) used by the KL loss, with VERL's names
 * ({@code kl_loss_type}) and definitions; {@code logp} is the current policy's log-probability
 * of the sampled token and {@code ref} the frozen reference policy's.
 */
public enum KlPenalty {
    /** k1: logp − ref. */
    KL("kl"),
    /** |logp − ref|. */
    ABS("abs"),
    /** k2: ½ (logp − ref)². */
    MSE("mse"),
    /**
     * k3 (Schulman's low-variance estimator): with d = clamp(ref − logp, −20, 20),
     * clamp(e^d − d − 1, −10, 10).
     */
    LOW_VAR_KL("low_var_kl");

    /** The wire names, as in VERL's {@code kl_loss_type}. */
    public static final List<String> NAMES = Arrays.stream(values()).map(KlPenalty::wireName).toList();

    private final String wireName;

    KlPenalty(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static KlPenalty fromName(String name) {
        for (KlPenalty k : values()) {
            if (k.wireName.equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown KL type '" + name + "'; one of " + String.join(", ", NAMES));
    }

    /** The per-token penalty for log-probabilities {@code logp} (with gradient) and {@code ref} (constant). */
    NDArray perToken(NDArray logp, NDArray ref) {
        return switch (this) {
            case KL -> logp.sub(ref);
            case ABS -> logp.sub(ref).abs();
            case MSE -> Scalars.times(logp.sub(ref).square(), 0.5);
            case LOW_VAR_KL -> {
                NDArray d = ref.sub(logp).clip(-20, 20);
                yield d.exp().sub(d).sub(1).clip(-10, 10);
            }
        };
    }
}
