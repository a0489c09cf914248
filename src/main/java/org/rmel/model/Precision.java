package org.rmel.model;

import java.util.Locale;
import org.rmel.base.BadInputException;

/**
 * Number format of the model's compute (setting {@code precision}): {@code fp32}, or {@code bf16}
 * mixed precision — bfloat16 weights and activations for sampling and for the forward/backward
 * pass, with float32 master weights, gradients and AdamW state, and the numerically sensitive
 * parts in float32 (RMSNorm statistics, attention softmax, log-probabilities), as Hugging Face's
 * Qwen2 does in bfloat16. {@code auto} is {@code bf16} on a GPU and {@code fp32} on the CPU.
 */
public enum Precision {
    AUTO, FP32, BF16;

    public static Precision parse(String text, String setting) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(setting + ": '" + text + "' is not a precision; use auto, fp32 or bf16");
        }
    }

    /** {@code auto} settled for the device: bf16 on a GPU, fp32 on the CPU. */
    public Precision on(boolean gpu) {
        return this == AUTO ? (gpu ? BF16 : FP32) : this;
    }

    /** Bytes of one activation value. */
    int activationBytes() {
        return this == BF16 ? 2 : 4;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
