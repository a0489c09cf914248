package org.rmel.model;

import ai.djl.Device;
import org.rmel.base.BadInputException;

/**
 * Where to put a model: {@code auto} (the GPU when a CUDA libtorch is installed and PyTorch finds a
 * GPU, else the CPU), {@code cpu} or {@code gpu}. {@link EngineSelection} loads the matching libtorch.
 */
public enum DeviceChoice {
    AUTO, CPU, GPU;

    /** Parses "auto", "cpu" or "gpu" (any case); the message names {@code setting}. */
    public static DeviceChoice parse(String text, String setting) {
        try {
            return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(setting + ": '" + text + "' is not a device; use auto, cpu or gpu");
        }
    }

    /**
     * Loads the engine for this choice (the first call in a process decides which libtorch) and
     * returns the device; a {@link BadInputException} when {@code gpu} cannot be had.
     */
    Device resolve() {
        return EngineSelection.device(this);
    }

    /** As {@link #resolve()}, for code outside the model package that needs to settle the engine first. */
    public String prepare() {
        return resolve().toString();
    }
}
