package org.rmel.model;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.List;
import org.rmel.gpu.NvidiaSmi;

/**
 * Device memory in use and in total, asked without ever failing: DJL's {@code CudaUtils} (JNA on
 * {@code libcudart}) where that works, else {@code nvidia-smi} for the GPU behind the device
 * (CUDA_VISIBLE_DEVICES mapped), else unknown (-1). DJL's call throws on a machine whose CUDA
 * runtime JNA cannot find, which is common (libtorch ships a renamed copy).
 */
final class GpuMemory {
    private static volatile boolean cudaUtilsFails;

    private GpuMemory() {
    }

    /** {used, total} in bytes; -1 where unknown. */
    static long[] of(Device device) {
        if (!device.isGpu()) {
            return new long[] {-1, -1};
        }
        if (!cudaUtilsFails) {
            try {
                MemoryUsage mu = CudaUtils.getGpuMemory(device);
                return new long[] {mu.getCommitted(), mu.getMax()};
            } catch (RuntimeException | LinkageError e) {
                cudaUtilsFails = true;
            }
        }
        return fromNvidiaSmi(physicalIndex(device.getDeviceId()));
    }

    /** The nvidia-smi index of CUDA device {@code id}: CUDA_VISIBLE_DEVICES renumbers the visible ones from 0. */
    static String physicalIndex(int id) {
        String visible = System.getenv("CUDA_VISIBLE_DEVICES");
        if (visible == null || visible.isBlank()) {
            return Integer.toString(id);
        }
        String[] ids = visible.split(",");
        return id < ids.length ? ids[id].trim() : Integer.toString(id);
    }

    private static long[] fromNvidiaSmi(String index) {
        NvidiaSmi.Output out = NvidiaSmi.run(System.getProperty(NvidiaSmi.PROPERTY, "nvidia-smi"),
                List.of("-i", index, "--query-gpu=memory.used,memory.total", "--format=csv,noheader,nounits"),
                Duration.ofSeconds(3));
        if (out.error() == null) {
            String[] cells = out.text().trim().split(",");
            if (cells.length == 2) {
                try {
                    return new long[] {Long.parseLong(cells[0].trim()) << 20, Long.parseLong(cells[1].trim()) << 20};
                } catch (NumberFormatException e) {
                    // "[N/A]": unknown
                }
            }
        }
        return new long[] {-1, -1};
    }
}
