package org.rmel.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.rmel.base.BadInputException;
import org.rmel.fetch.Fetcher;
import org.rmel.gpu.CudaLibtorch;
import org.rmel.gpu.LibtorchInstaller;
import org.rmel.gpu.LibtorchLocator;
import org.rmel.gpu.NvidiaSmi;
import org.rmel.gpu.SetupException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gpu setup}: installs the CUDA build of libtorch 2.7.1 that DJL 0.36's JNI is built for.
 * Exit codes: 0 installed or already there; 1 download failed or no connection (the message says
 * how to install offline); 2 a bad {@code --from}; 3 a file failed its integrity check; 4 the folder
 * cannot be written or the disk is too full.
 */
@Command(name = "setup", mixinStandardHelpOptions = true,
        description = {"Install the CUDA build of libtorch " + CudaLibtorch.VERSION + " (" + CudaLibtorch.FLAVOR + ", "
                + CudaLibtorch.CLASSIFIER + ") that the GPU needs, into DJL's cache (several GB, with its "
                + "CUDA libraries; the total is shown before the download). A broken download resumes when run again.",
                "  gpu setup",
                "  gpu setup --from /media/usb/libtorch      (an unpacked libtorch-...-2.7.1+cu128.zip, or a mirror folder)",
                "  gpu setup --from https://mirror.example/djl/pytorch/2.7.1/ --dir /opt/libtorch-cu128"})
public final class GpuSetupCommand implements Callable<Integer> {
    /** System property replacing DJL's index as the default source (a mirror; tests' local server). */
    public static final String INDEX_PROPERTY = "rmel.libtorchIndex";

    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Install here instead of DJL's cache (then run with --libtorch DIR or RMEL_LIBTORCH=DIR).")
    private Path dir;

    @Option(names = "--from", paramLabel = "DIR|URL",
            description = "Take the files from an unpacked libtorch 2.7.1+cu128 folder, a folder mirroring DJL's index "
                    + "(files.txt and the files it lists), or a URL mirroring " + "https://publish.djl.ai/pytorch/2.7.1/.")
    private String from;

    @Option(names = "--force", description = "Install again even if a whole installation is there.")
    private boolean force;

    @Option(names = "--progress", paramLabel = "auto|bar|lines|none", defaultValue = "auto",
            description = "Progress display (default: ${DEFAULT-VALUE}: a bar on a terminal, lines otherwise).")
    private String progressStyle;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SetupProgressBar bar = new SetupProgressBar(out, style());
        Path target = dir != null ? dir : CudaLibtorch.defaultInstallDir();
        LibtorchInstaller installer = new LibtorchInstaller(
                new Fetcher(Duration.ofSeconds(20), null, Duration.ofSeconds(60)),
                "rmel-workbench/" + VersionProvider.version(), bar, Duration.ofSeconds(2), LibtorchInstaller.RETRIES);
        try {
            String defaultSource = System.getProperty(INDEX_PROPERTY);
            LibtorchInstaller.Source source = from != null ? LibtorchInstaller.source(from)
                    : defaultSource != null ? LibtorchInstaller.source(defaultSource) : LibtorchInstaller.djlIndex();
            out.println("installing CUDA libtorch " + CudaLibtorch.VERSION + " (" + CudaLibtorch.FLAVOR + ") from "
                    + source.describe() + " into " + target);
            out.flush();
            LibtorchInstaller.Result r = installer.install(source, target, force);
            bar.endBar();
            if (r.outcome() == LibtorchInstaller.Outcome.INSTALLED) {
                out.printf(java.util.Locale.ROOT, "installed %d files (%.2f GB) in %s%n", r.files(), r.bytes() / 1e9, r.dir());
            }
            if (dir != null && !r.dir().equals(CudaLibtorch.defaultInstallDir().toAbsolutePath().normalize())) {
                out.println("use it with: --libtorch " + r.dir() + "   (or: export " + LibtorchLocator.ENV + "=" + r.dir() + ")");
            } else {
                out.println("GPU runs use it now (--device gpu or auto); 'rmel doctor' shows what will load");
            }
            driverNote(out);
            out.flush();
            return 0;
        } catch (SetupException e) {
            bar.endBar();
            out.flush();
            err.println("error: " + e.getMessage());
            err.flush();
            return e.kind().exitCode();
        }
    }

    private SetupProgressBar.Style style() {
        return switch (progressStyle) {
            case "auto" -> System.console() != null ? SetupProgressBar.Style.BAR : SetupProgressBar.Style.LINES;
            case "bar" -> SetupProgressBar.Style.BAR;
            case "lines" -> SetupProgressBar.Style.LINES;
            case "none" -> SetupProgressBar.Style.NONE;
            default -> throw new BadInputException("--progress: '" + progressStyle + "' is not one of auto, bar, lines, none");
        };
    }

    /** A GPU and driver check after installing, so a missing driver is not discovered at the first run. */
    private static void driverNote(PrintWriter out) {
        NvidiaSmi.Report gpus = new NvidiaSmi().report();
        if (!gpus.any()) {
            out.println("note: no NVIDIA GPU is visible here (" + gpus.problem() + ")");
        } else if (gpus.driver().isPresent() && gpus.driver().get().compareTo(CudaLibtorch.DRIVER_RECOMMENDED) < 0) {
            out.println("note: NVIDIA driver " + gpus.driver().get() + " is older than " + CudaLibtorch.DRIVER_RECOMMENDED
                    + ", CUDA " + CudaLibtorch.CUDA_VERSION + "'s own minimum"
                    + (gpus.driver().get().compareTo(CudaLibtorch.DRIVER_MINIMUM) >= 0
                    ? "; it may work through CUDA's minor-version compatibility, but update the driver if the GPU fails"
                    : "; update the driver (CUDA 12 needs at least " + CudaLibtorch.DRIVER_MINIMUM + ")"));
        }
    }
}
