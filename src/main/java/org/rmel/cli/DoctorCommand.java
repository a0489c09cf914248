package org.rmel.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.rmel.base.BadInputException;
import org.rmel.datasets.DataFolder;
import org.rmel.datasets.DatasetException;
import org.rmel.datasets.DatasetRegistry;
import org.rmel.datasets.DatasetStore;
import org.rmel.datasets.FileState;
import org.rmel.gpu.CudaLibtorch;
import org.rmel.gpu.GpuPresence;
import org.rmel.gpu.LibtorchLocator;
import org.rmel.gpu.NvidiaSmi;
import org.rmel.model.DeviceChoice;
import org.rmel.model.EngineReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code doctor}: what this machine offers the workbench, one line per part with OK or what to do:
 * Java, JavaFX, DJL, the libtorch that loads (version, flavor, path) and whether it sees CUDA, the
 * GPUs (name, memory, driver, CUDA version), the data folder and its benchmarks, and a memory
 * estimate of a training step. The workbench's Help → Diagnostics shows the same text.
 * Exit code 0, or 1 when a part FAILs.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check this machine: Java, JavaFX, DJL, libtorch (CPU/CUDA), GPUs and driver, data folder, "
                + "and a memory estimate of a training step.",
                "  doctor",
                "  doctor --device gpu --model ~/models/Qwen2.5-1.5B-Instruct --preset paper"})
public final class DoctorCommand implements Callable<Integer> {
    static final String OK = "OK";
    static final String WARN = "WARN";
    static final String FAIL = "FAIL";
    static final String NONE = "-";

    @Spec
    private CommandSpec spec;

    @Mixin
    private EngineOptions engine;

    @Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "auto",
            description = "The device to check loading for (default: ${DEFAULT-VALUE}).")
    private String device;

    @Mixin
    private MemoryOptions memory;

    /** One line of the report. */
    record Check(String status, String part, String text) {
    }

    @Override
    public Integer call() {
        engine.apply();
        DeviceChoice choice = DeviceChoice.parse(device, "--device");
        List<Check> checks = new ArrayList<>();
        checks.add(java());
        checks.addAll(javafx());
        NvidiaSmi.Report gpus = new NvidiaSmi().report();
        boolean gpuSeen = gpus.any() || GpuPresence.likely();
        checks.add(new Check(OK, "DJL", ai.djl.engine.Engine.getDjlVersion() + ", PyTorch engine; cache "
                + CudaLibtorch.engineCache().getParent()));
        checks.add(cudaLibtorch(gpuSeen));
        EngineReport loaded = null;
        try {
            loaded = EngineReport.load(choice);
            checks.add(new Check(OK, "libtorch", loaded.describe()));
        } catch (BadInputException | org.rmel.base.EnvironmentException e) {
            checks.add(new Check(FAIL, "libtorch", "--device " + device + ": " + e.getMessage()));
        }
        checks.addAll(gpus(gpus));
        checks.add(cuda(loaded, gpuSeen));
        checks.addAll(data());
        checks.addAll(memory.checks(gpus, loaded));
        PrintWriter out = spec.commandLine().getOut();
        out.println("R-MEL Workbench " + VersionProvider.version() + ": doctor (" + MachineInfo.describe() + ")");
        for (Check c : checks) {
            out.printf(Locale.ROOT, "  %-4s  %-13s %s%n", c.status(), c.part(), c.text());
        }
        out.flush();
        return checks.stream().anyMatch(c -> c.status().equals(FAIL)) ? 1 : 0;
    }

    private static Check java() {
        Runtime rt = Runtime.getRuntime();
        String text = System.getProperty("java.version") + " (" + System.getProperty("java.vm.vendor") + "), "
                + System.getProperty("java.home") + ", max heap " + gib(rt.maxMemory());
        return new Check(Runtime.version().feature() >= 17 ? OK : FAIL, "Java",
                Runtime.version().feature() >= 17 ? text : text + ": Java 17 or newer is needed");
    }

    private static List<Check> javafx() {
        List<Check> out = new ArrayList<>();
        Properties p = new Properties();
        try (InputStream in = DoctorCommand.class.getClassLoader().getResourceAsStream("javafx.properties")) {
            if (in == null) {
                out.add(new Check(NONE, "JavaFX", "not on the class path: the command line and the trainer work; "
                        + "the workbench window needs the full jar"));
                return out;
            }
            p.load(in);
        } catch (java.io.IOException e) {
            out.add(new Check(WARN, "JavaFX", "cannot read javafx.properties: " + e.getMessage()));
            return out;
        }
        out.add(new Check(OK, "JavaFX", p.getProperty("javafx.runtime.version", p.getProperty("javafx.version", "?"))));
        if (!org.rmel.app.WorkbenchLauncher.displayAvailable()) { // the same test that refuses to open the window
            out.add(new Check(NONE, "display", "none (DISPLAY unset): the command line works; the window needs a "
                    + "display (or xvfb-run -a rmel)"));
        } else {
            String display = System.getenv("DISPLAY");
            String wayland = System.getenv("WAYLAND_DISPLAY");
            out.add(new Check(OK, "display", display != null && !display.isBlank() ? "DISPLAY=" + display
                    : wayland != null && !wayland.isBlank() ? "WAYLAND_DISPLAY=" + wayland : "the desktop's"));
        }
        return out;
    }

    private static Check cudaLibtorch(boolean gpuSeen) {
        LibtorchLocator locator = LibtorchLocator.system();
        try {
            return locator.cuda().map(f -> new Check(f.cuda() ? OK : WARN, "CUDA build", f.describe()
                            + (f.cuda() ? "" : ": not a CUDA build, so the GPU cannot be used")))
                    .orElseGet(() -> gpuSeen
                            ? new Check(WARN, "CUDA build", "not installed: run 'rmel gpu setup' (libtorch "
                                    + CudaLibtorch.VERSION + "+" + CudaLibtorch.FLAVOR + " into " + locator.installDir() + ")")
                            : new Check(NONE, "CUDA build", "not installed (needed only with an NVIDIA GPU: 'rmel gpu setup')"));
        } catch (BadInputException e) {
            return new Check(FAIL, "CUDA build", e.getMessage());
        }
    }

    private static List<Check> gpus(NvidiaSmi.Report r) {
        List<Check> out = new ArrayList<>();
        if (!r.any()) {
            out.add(new Check(NONE, "GPUs", "none: " + r.problem()));
            return out;
        }
        for (NvidiaSmi.Gpu g : r.gpus()) {
            out.add(new Check(OK, "GPU " + g.index(), g.name() + ", " + gib(g.memoryTotalMiB() << 20) + " ("
                    + gib(g.memoryUsedMiB() << 20) + " in use)"));
        }
        String cuda = r.cudaVersion().map(v -> ", supports CUDA " + v).orElse("");
        if (r.driver().isEmpty()) {
            out.add(new Check(WARN, "driver", "version unknown" + cuda));
        } else if (r.driver().get().compareTo(CudaLibtorch.DRIVER_RECOMMENDED) >= 0) {
            out.add(new Check(OK, "driver", r.driver().get() + cuda + " (the CUDA " + CudaLibtorch.CUDA_VERSION
                    + " build needs " + CudaLibtorch.DRIVER_RECOMMENDED + " or newer)"));
        } else if (r.driver().get().compareTo(CudaLibtorch.DRIVER_MINIMUM) >= 0) {
            out.add(new Check(WARN, "driver", r.driver().get() + cuda + ": older than " + CudaLibtorch.DRIVER_RECOMMENDED
                    + " (CUDA " + CudaLibtorch.CUDA_VERSION + "'s minimum); it may work through minor-version "
                    + "compatibility; update the driver if the GPU fails"));
        } else {
            out.add(new Check(FAIL, "driver", r.driver().get() + cuda + ": too old for CUDA " + CudaLibtorch.CUDA_VERSION
                    + "; install NVIDIA driver " + CudaLibtorch.DRIVER_RECOMMENDED + " or newer"));
        }
        return out;
    }

    private static Check cuda(EngineReport loaded, boolean gpuSeen) {
        if (loaded == null) {
            return new Check(NONE, "CUDA", "not checked (the engine did not load)");
        }
        if (loaded.cuda()) {
            return new Check(OK, "CUDA", "PyTorch uses the GPU (the engine's CUDA capability); models run on " + loaded.device());
        }
        if (loaded.cudaBuild()) {
            return new Check(FAIL, "CUDA", "the CUDA build is loaded but PyTorch finds no usable GPU: check the "
                    + "driver (nvidia-smi) and that CUDA_VISIBLE_DEVICES does not hide the GPU");
        }
        return gpuSeen ? new Check(WARN, "CUDA", "runs on the CPU: the GPU needs the CUDA build ('rmel gpu setup')")
                : new Check(NONE, "CUDA", "no GPU: models run on the CPU");
    }

    private static List<Check> data() {
        List<Check> out = new ArrayList<>();
        DataFolder folder = DataFolder.ofUser();
        DatasetStore store = new DatasetStore(folder, java.net.URI.create("https://huggingface.co"), null, "doctor");
        List<FileState> states;
        try {
            states = store.states();
        } catch (DatasetException e) {
            out.add(new Check(FAIL, "data folder", folder.path() + ": " + e.getMessage()));
            return out;
        }
        List<String> present = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> damaged = new ArrayList<>();
        for (FileState s : states) {
            String name = s.source().name();
            switch (s.kind()) {
                case OK, UNRECORDED -> present.add(name);
                case MODIFIED -> damaged.add(name);
                default -> missing.add(name);
            }
        }
        String where = folder.path() + " (" + folder.chosenBy() + ")";
        int total = DatasetRegistry.all().size();
        if (!damaged.isEmpty()) {
            out.add(new Check(FAIL, "data folder", where + ": checksum mismatch for " + String.join(", ", damaged)
                    + "; run 'rmel datasets fetch " + String.join(" ", damaged) + "'"));
        } else if (present.isEmpty()) {
            out.add(new Check(WARN, "data folder", where + ": no benchmarks; run 'rmel datasets fetch' (the built-in "
                    + "arithmetic suite needs none)"));
        } else {
            out.add(new Check(missing.isEmpty() ? OK : WARN, "data folder", where + ": " + present.size() + " of " + total
                    + " benchmarks (" + String.join(", ", present) + ")"
                    + (missing.isEmpty() ? "" : "; missing " + String.join(", ", missing) + ": 'rmel datasets fetch'")));
        }
        return out;
    }

    static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
}
