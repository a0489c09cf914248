package org.rmel.app.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.rmel.gpu.NvidiaSmi;

/**
 * Asks {@code nvidia-smi} for the GPUs' name, utilisation and memory. No nvidia-smi, a failing
 * one, or one that hangs (bounded wait) all mean "no GPU known", shown as "CPU only".
 * Blocking: call it off the FX thread.
 */
public final class GpuProbe {
    static final List<String> QUERY = List.of("--query-gpu=name,utilization.gpu,memory.used,memory.total",
            "--format=csv,noheader");

    private final String executable;

    public GpuProbe() {
        this(System.getProperty(NvidiaSmi.PROPERTY, "nvidia-smi"));
    }

    /** For tests: any executable that prints nvidia-smi's CSV. */
    public GpuProbe(String executable) {
        this.executable = executable;
    }

    public List<GpuInfo> probe() {
        NvidiaSmi.Output out = NvidiaSmi.run(executable, QUERY, Duration.ofSeconds(3));
        return out.error() == null ? parse(out.text()) : List.of();
    }

    /** Parses {@code name, util, used, total} lines; lines that do not fit are skipped. */
    public static List<GpuInfo> parse(String csv) {
        List<GpuInfo> gpus = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            String[] cells = line.split(",");
            if (cells.length != 4) {
                continue;
            }
            try {
                gpus.add(new GpuInfo(cells[0].trim(), (int) number(cells[1]), number(cells[2]), number(cells[3])));
            } catch (NumberFormatException e) {
                // "[N/A]" or "[Not Supported]" for a field: skip this GPU rather than show nonsense
            }
        }
        return gpus;
    }

    /** "37 %" or "12034 MiB" → the number; "[N/A]" throws. */
    private static long number(String cell) {
        return Long.parseLong(cell.trim().split("\\s+")[0]);
    }

    /** "CPU only" or the GPUs, separated by " | ". */
    public static String describe(List<GpuInfo> gpus) {
        if (gpus.isEmpty()) {
            return "CPU only";
        }
        return String.join(" | ", gpus.stream().map(GpuInfo::describe).toList());
    }
}
