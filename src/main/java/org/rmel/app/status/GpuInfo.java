package org.rmel.app.status;

/** One GPU as {@code nvidia-smi} reports it. */
public record GpuInfo(String name, int utilizationPercent, long memoryUsedMiB, long memoryTotalMiB) {
    /** For the status bar, e.g. "NVIDIA H100 80GB HBM3 · 37% · 12034/81559 MiB". */
    public String describe() {
        return name + " · " + utilizationPercent + "% · " + memoryUsedMiB + "/" + memoryTotalMiB + " MiB";
    }
}
