package org.rmel.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.rmel.base.BadInputException;

/** Where to put a model: the GPU when DJL finds one (AUTO), or forced. */
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

    Device resolve() {
        DjlSetup.configure();
        int gpus = Engine.getEngine("PyTorch").getGpuCount();
        return switch (this) {
            case CPU -> Device.cpu();
            case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
            case GPU -> {
                if (gpus == 0) {
                    throw new BadInputException("device gpu: DJL's PyTorch engine found no GPU (see README, "
                            + "\"GPU set-up\": it needs a CUDA build of libtorch 2.7.1)");
                }
                yield Device.gpu();
            }
        };
    }
}
