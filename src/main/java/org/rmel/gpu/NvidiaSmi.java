package org.rmel.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The NVIDIA GPUs of this machine as the driver reports them ({@code nvidia-smi}): name, memory,
 * driver version and the CUDA version the driver supports. No GPU library is loaded, so this is
 * safe before DJL starts and in the workbench. The executable can be replaced for tests with the
 * system property {@value #PROPERTY}.
 */
public final class NvidiaSmi {
    /** System property naming the {@code nvidia-smi} executable (tests point it at a script). */
    public static final String PROPERTY = "rmel.nvidiaSmi";
    static final List<String> QUERY = List.of("--query-gpu=index,name,memory.total,memory.used,driver_version",
            "--format=csv,noheader,nounits");
    private static final Pattern CUDA = Pattern.compile("CUDA Version:\\s*([0-9.]+)");
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** One GPU. */
    public record Gpu(int index, String name, long memoryTotalMiB, long memoryUsedMiB) {
        public String describe() {
            return "GPU " + index + ": " + name + ", " + String.format(java.util.Locale.ROOT, "%.1f", memoryTotalMiB / 1024.0)
                    + " GiB (" + String.format(java.util.Locale.ROOT, "%.1f", memoryUsedMiB / 1024.0) + " GiB in use)";
        }
    }

    /**
     * What the driver reports.
     *
     * @param gpus the GPUs this process may use (CUDA_VISIBLE_DEVICES respected)
     * @param driver the driver version, when known
     * @param cudaVersion the newest CUDA version the driver supports, when known
     * @param problem why no GPU is listed (no nvidia-smi, driver not loaded, hidden), or "" when GPUs are
     */
    public record Report(List<Gpu> gpus, Optional<DriverVersion> driver, Optional<String> cudaVersion, String problem) {
        public boolean any() {
            return !gpus.isEmpty();
        }
    }

    private final String executable;

    public NvidiaSmi() {
        this(System.getProperty(PROPERTY, "nvidia-smi"));
    }

    public NvidiaSmi(String executable) {
        this.executable = executable;
    }

    /** Asks the driver; never throws. */
    public Report report() {
        Output listed = run(executable, QUERY, WAIT);
        if (listed.error() != null) {
            Optional<Integer> devices = deviceFiles();
            String why = listed.error() + (devices.isPresent() && devices.get() > 0
                    ? "; /proc/driver/nvidia lists " + devices.get() + " GPU(s)" : "");
            return new Report(List.of(), Optional.empty(), Optional.empty(), why);
        }
        List<Gpu> gpus = new ArrayList<>();
        Optional<DriverVersion> driver = Optional.empty();
        for (String line : listed.text().split("\\R")) {
            String[] cells = line.split(",");
            if (cells.length < 5) {
                continue;
            }
            try {
                int n = cells.length;
                String name = String.join(",", java.util.Arrays.copyOfRange(cells, 1, n - 3)).trim();
                gpus.add(new Gpu(Integer.parseInt(cells[0].trim()), name, Long.parseLong(cells[n - 3].trim()),
                        Long.parseLong(cells[n - 2].trim())));
                driver = Optional.of(DriverVersion.parse(cells[n - 1].trim()));
            } catch (NumberFormatException e) {
                // "[N/A]" for a field: skip this GPU rather than show nonsense
            }
        }
        Output banner = run(executable, List.of(), WAIT);
        Optional<String> cuda = Optional.empty();
        if (banner.error() == null) {
            Matcher m = CUDA.matcher(banner.text());
            if (m.find()) {
                cuda = Optional.of(m.group(1));
            }
        }
        String visible = System.getenv("CUDA_VISIBLE_DEVICES");
        if (visible != null && (visible.isBlank() || visible.trim().equals("-1"))) {
            return new Report(List.of(), driver, cuda, gpus.size() + " GPU(s) hidden by CUDA_VISIBLE_DEVICES='" + visible + "'");
        }
        return new Report(gpus, driver, cuda, gpus.isEmpty() ? "nvidia-smi lists no GPU" : "");
    }

    /** The output of {@code executable args}, or why there is none. */
    public record Output(String text, String error) {
    }

    /** Runs nvidia-smi (or a stand-in) with a bounded wait; a missing, failing or hanging one gives an error. */
    public static Output run(String executable, List<String> args, Duration wait) {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (InputStream in = process.getInputStream()) {
                if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    return new Output("", executable + " did not answer within " + wait.toSeconds() + " s");
                }
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    String first = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("no output");
                    return new Output(text, executable + " failed (exit " + process.exitValue() + "): " + first.trim());
                }
                return new Output(text, null);
            }
        } catch (IOException e) {
            return new Output("", executable + " not found (no NVIDIA driver installed?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Output("", "interrupted");
        }
    }

    /** GPUs the kernel driver knows, from {@code /proc/driver/nvidia/gpus}; empty when there is no such folder. */
    static Optional<Integer> deviceFiles() {
        Path gpus = Path.of("/proc/driver/nvidia/gpus");
        if (!Files.isDirectory(gpus)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(gpus)) {
            return Optional.of((int) s.count());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
