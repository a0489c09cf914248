package org.rmel.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import java.io.PrintStream;
import java.util.Optional;
import org.rmel.base.BadInputException;
import org.rmel.base.EnvironmentException;
import org.rmel.gpu.CudaLibtorch;
import org.rmel.gpu.GpuPresence;
import org.rmel.gpu.LibtorchLocator;
import org.rmel.gpu.NvidiaSmi;

/**
 * Decides, before DJL loads PyTorch for the first time in this process, which libtorch it loads,
 * and then where models run. DJL 0.36 reads {@code PYTORCH_LIBRARY_PATH}, {@code PYTORCH_VERSION}
 * and {@code PYTORCH_FLAVOR} as environment variables <em>or</em> system properties
 * ({@code Utils.getEnvOrSystemProperty}, environment first), so setting the properties here selects
 * the CUDA build in-process: no re-exec is needed. DJL then loads every library of that folder by
 * absolute path (so no {@code LD_LIBRARY_PATH}) and the JNI beside them or from its jar.
 *
 * <ul>
 *   <li>{@code cpu}: the bundled CPU build (or whatever {@code PYTORCH_LIBRARY_PATH} forces);</li>
 *   <li>{@code auto}: the CUDA build when a GPU is present and one is installed; a GPU without one
 *       trains on the CPU with one warning line naming {@code gpu setup};</li>
 *   <li>{@code gpu}: the CUDA build, or a {@link BadInputException} naming {@code gpu setup}.</li>
 * </ul>
 *
 * Whether the GPU is usable is asked of the loaded engine itself ({@code torch::cuda::is_available},
 * DJL's CUDA capability), not of DJL's JNA probe of {@code libcudart}, which a machine with only the
 * driver, or with libtorch's own renamed cudart, does not satisfy.
 */
public final class EngineSelection {
    private static Loaded loaded;
    private static boolean warned;
    private static PrintStream warnings = System.err;

    /**
     * What was loaded.
     *
     * @param libtorch the libtorch loaded instead of the bundled CPU build, if any
     * @param cuda the engine reports CUDA (a usable GPU)
     */
    public record Loaded(Optional<LibtorchLocator.Found> libtorch, boolean cuda) {
        public String describe() {
            return libtorch.map(LibtorchLocator.Found::describe).orElse("libtorch " + CudaLibtorch.VERSION
                    + " (cpu), bundled") + (cuda ? "; CUDA available" : "; no CUDA");
        }
    }

    private EngineSelection() {
    }

    /** Where warnings go (tests capture them). */
    static synchronized void warningsTo(PrintStream out) {
        warnings = out;
    }

    /** What has been loaded so far in this process; empty before the first model. */
    public static synchronized Optional<Loaded> loaded() {
        return Optional.ofNullable(loaded);
    }

    /** Loads the engine for {@code choice} if that has not happened yet, and returns the device to use. */
    static synchronized Device device(DeviceChoice choice) {
        DjlSetup.configure();
        if (loaded == null) {
            loaded = load(choice);
        } else if (choice == DeviceChoice.GPU && !loaded.cuda()) {
            throw new BadInputException("device gpu: this process has already loaded " + loaded.describe()
                    + " for an earlier model and cannot switch; start a new process with --device gpu");
        }
        return switch (choice) {
            case CPU -> Device.cpu();
            case GPU -> Device.gpu();
            case AUTO -> loaded.cuda() ? Device.gpu() : Device.cpu();
        };
    }

    private static Loaded load(DeviceChoice choice) {
        LibtorchLocator locator = LibtorchLocator.system();
        Optional<LibtorchLocator.Found> chosen = switch (choice) {
            case CPU -> locator.fromEnvironment();
            case GPU -> Optional.of(locator.cuda().orElseThrow(() -> new BadInputException(
                    "device gpu: no CUDA build of libtorch is installed; run 'rmel gpu setup' (it downloads libtorch "
                            + CudaLibtorch.VERSION + "+" + CudaLibtorch.FLAVOR + " into " + locator.installDir()
                            + "), or name one with --libtorch DIR or " + LibtorchLocator.ENV)));
            case AUTO -> auto(locator);
        };
        if (choice == DeviceChoice.GPU && !chosen.get().cuda()) {
            throw new BadInputException("device gpu: " + chosen.get().describe() + " is not a CUDA build; run "
                    + "'rmel gpu setup', or unset PYTORCH_LIBRARY_PATH");
        }
        chosen.ifPresent(EngineSelection::apply);
        Engine engine;
        try {
            engine = Engine.getEngine("PyTorch");
        } catch (RuntimeException | LinkageError e) {
            String which = chosen.map(LibtorchLocator.Found::describe).orElse("the bundled CPU libtorch");
            throw new EnvironmentException("cannot load " + which + ": " + rootMessage(e)
                    + "; 'rmel doctor' shows what is installed" + (chosen.isPresent() ? ", and --device cpu runs without it" : ""), e);
        }
        boolean cuda = engine.hasCapability(StandardCapabilities.CUDA);
        Loaded result = new Loaded(chosen, cuda);
        if (!cuda && chosen.map(LibtorchLocator.Found::cuda).orElse(false)) {
            String why = "libtorch " + chosen.get().version() + " (" + chosen.get().flavor() + ") is loaded but PyTorch "
                    + "finds no usable GPU (" + driverState() + ")";
            if (choice == DeviceChoice.GPU) {
                throw new EnvironmentException("device gpu: " + why);
            }
            warn(why + "; running on the CPU");
        }
        return result;
    }

    private static Optional<LibtorchLocator.Found> auto(LibtorchLocator locator) {
        Optional<LibtorchLocator.Found> forced = locator.fromEnvironment();
        if (forced.isPresent()) {
            return forced;
        }
        if (!GpuPresence.likely() && !GpuPresence.seen(new NvidiaSmi())) {
            return Optional.empty();
        }
        Optional<LibtorchLocator.Found> cuda = locator.cuda();
        if (cuda.isEmpty()) {
            warn("an NVIDIA GPU is present but no CUDA build of libtorch is installed, so this runs on the CPU; "
                    + "run 'rmel gpu setup' once to use the GPU");
        }
        return cuda;
    }

    /** Points DJL at the folder; the environment, which DJL reads first, is left as the user set it. */
    private static void apply(LibtorchLocator.Found found) {
        setUnlessInEnvironment("PYTORCH_LIBRARY_PATH", found.folder().libDir().toString());
        setUnlessInEnvironment("PYTORCH_VERSION", found.version());
        setUnlessInEnvironment("PYTORCH_FLAVOR", found.flavor());
    }

    private static void setUnlessInEnvironment(String name, String value) {
        if (System.getenv(name) == null || System.getenv(name).isEmpty()) {
            System.setProperty(name, value);
        }
    }

    private static void warn(String text) {
        if (!warned) {
            warned = true;
            warnings.println("warning: " + text);
            warnings.flush();
        }
    }

    /** The driver's state in a few words, for messages. */
    static String driverState() {
        NvidiaSmi.Report r = new NvidiaSmi().report();
        if (!r.any()) {
            return r.problem();
        }
        String driver = r.driver().map(d -> "driver " + d).orElse("driver version unknown");
        String advice = r.driver().filter(d -> d.compareTo(CudaLibtorch.DRIVER_RECOMMENDED) < 0)
                .map(d -> "; CUDA " + CudaLibtorch.CUDA_VERSION + " needs driver " + CudaLibtorch.DRIVER_RECOMMENDED
                        + " or newer").orElse("");
        return r.gpus().size() + " GPU(s) listed by nvidia-smi, " + driver + advice;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
