package org.rmel.gpu;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether an NVIDIA GPU is plausibly present, from device files alone: cheap enough to ask before
 * anything is loaded. {@link NvidiaSmi} gives the details. The system property {@value #PROPERTY}
 * ({@code true}/{@code false}) overrides the answer for tests of the GPU paths on a CPU machine.
 */
public final class GpuPresence {
    public static final String PROPERTY = "rmel.gpuPresent";

    private GpuPresence() {
    }

    /** The kernel driver is loaded and shows a device, and CUDA_VISIBLE_DEVICES does not hide them all. */
    public static boolean likely() {
        String forced = System.getProperty(PROPERTY);
        if (forced != null) {
            return Boolean.parseBoolean(forced);
        }
        String visible = System.getenv("CUDA_VISIBLE_DEVICES");
        if (visible != null && (visible.isBlank() || visible.trim().equals("-1"))) {
            return false;
        }
        return Files.exists(Path.of("/dev/nvidia0")) || NvidiaSmi.deviceFiles().map(n -> n > 0).orElse(false);
    }

    /** A GPU is seen by {@code nvidia-smi} (or the property says so). */
    public static boolean seen(NvidiaSmi smi) {
        String forced = System.getProperty(PROPERTY);
        if (forced != null) {
            return Boolean.parseBoolean(forced);
        }
        return smi.report().any() || likely();
    }
}
