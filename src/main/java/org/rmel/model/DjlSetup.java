package org.rmel.model;

import org.rmel.gpu.GpuPresence;

/**
 * Engine settings that must be in place before DJL starts PyTorch.
 *
 * <p>One intra-op thread by default: the built-in model's operations are small, and with two
 * threads on a shared two-core machine PyTorch's worker threads spin-wait for each other,
 * which measured ten times slower per sampling step. Set the system property
 * {@code ai.djl.pytorch.num_threads} to use more (large models on a quiet machine).
 *
 * <p>On a machine without an NVIDIA GPU, DJL's JNA probe of {@code libcudart} (run by its platform
 * detection whatever the device) logs "Failed to detect GPU count" when a CUDA runtime is installed
 * without a driver; that warning is silenced there, since the GPU is detected through the engine.
 */
final class DjlSetup {
    static final String THREADS = "ai.djl.pytorch.num_threads";
    static final String CUDA_UTILS_LOG = "org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils";
    /** DJL's own log level; its INFO lines (platform found, thread counts) are noise on every command. */
    static final String DJL_LOG = "org.slf4j.simpleLogger.log.ai.djl";

    private DjlSetup() {}

    static void configure() {
        if (System.getProperty(THREADS) == null) {
            System.setProperty(THREADS, "1");
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        // the CPU natives ship in the jar; never let DJL try the network for them
        if (System.getProperty("ai.djl.offline") == null && System.getenv("PYTORCH_LIBRARY_PATH") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty(DJL_LOG) == null) {
            System.setProperty(DJL_LOG, "warn"); // -Dorg.slf4j.simpleLogger.log.ai.djl=info brings them back
        }
        if (System.getProperty(CUDA_UTILS_LOG) == null && !GpuPresence.likely()) {
            System.setProperty(CUDA_UTILS_LOG, "error");
        }
    }
}
