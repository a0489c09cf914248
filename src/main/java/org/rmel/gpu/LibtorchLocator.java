package org.rmel.gpu;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.rmel.base.BadInputException;

/**
 * Finds the CUDA libtorch a GPU run would use, from the files alone (nothing is loaded), in this
 * order:
 *
 * <ol>
 *   <li>{@code PYTORCH_LIBRARY_PATH} in the environment: DJL takes it whatever we do, so it wins
 *       (with {@code PYTORCH_VERSION} / {@code PYTORCH_FLAVOR} from the environment if set);</li>
 *   <li>{@code --libtorch DIR} (the system property {@value #PROPERTY});</li>
 *   <li>{@code RMEL_LIBTORCH} in the environment;</li>
 *   <li>what {@code gpu setup} (or DJL's own downloader) installed in DJL's cache:
 *       {@code <cache>/pytorch/2.7.1-cu128-linux-x86_64}.</li>
 * </ol>
 *
 * A folder named explicitly (2, 3) that is not a usable libtorch is a {@link BadInputException}
 * naming it; an absent installation (4) is simply "none".
 */
public final class LibtorchLocator {
    /** System property set by {@code --libtorch DIR}. */
    public static final String PROPERTY = "rmel.libtorch";
    public static final String ENV = "RMEL_LIBTORCH";

    /** Where the libtorch was found. */
    public enum Origin {
        ENVIRONMENT("PYTORCH_LIBRARY_PATH"),
        OPTION("--libtorch"),
        RMEL_LIBTORCH("RMEL_LIBTORCH"),
        GPU_SETUP("gpu setup");

        private final String label;

        Origin(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * A libtorch to load instead of the bundled CPU build.
     *
     * @param version what DJL is told ({@code PYTORCH_VERSION})
     * @param flavor what DJL is told ({@code PYTORCH_FLAVOR})
     */
    public record Found(Origin origin, LibtorchFolder folder, String version, String flavor) {
        public boolean cuda() {
            return flavor.startsWith("cu");
        }

        public String describe() {
            return "libtorch " + version + " (" + flavor + ") in " + folder.libDir() + ", from " + origin.label();
        }
    }

    private final UnaryOperator<String> env;
    private final UnaryOperator<String> properties;
    private final Path installDir;

    public LibtorchLocator(UnaryOperator<String> env, UnaryOperator<String> properties, Path installDir) {
        this.env = env;
        this.properties = properties;
        this.installDir = installDir;
    }

    /** This process's environment and system properties, and DJL's cache. */
    public static LibtorchLocator system() {
        return new LibtorchLocator(System::getenv, System::getProperty, CudaLibtorch.defaultInstallDir());
    }

    /** The libtorch the environment forces on DJL ({@code PYTORCH_LIBRARY_PATH}), if any. */
    public Optional<Found> fromEnvironment() {
        String paths = blankToNull(env.apply("PYTORCH_LIBRARY_PATH"));
        if (paths == null) {
            return Optional.empty();
        }
        for (String p : paths.split(File.pathSeparator)) {
            Optional<LibtorchFolder> f = p.isBlank() ? Optional.empty() : LibtorchFolder.inspect(Path.of(p));
            if (f.isPresent()) {
                String version = Optional.ofNullable(blankToNull(env.apply("PYTORCH_VERSION"))).orElse(f.get().version());
                String flavor = Optional.ofNullable(blankToNull(env.apply("PYTORCH_FLAVOR"))).orElse(f.get().djlFlavor());
                return Optional.of(new Found(Origin.ENVIRONMENT, f.get(), version, flavor));
            }
        }
        throw new BadInputException("PYTORCH_LIBRARY_PATH=" + paths + ": no libtorch.so there; unset it to use "
                + "the bundled CPU build or the CUDA build from 'rmel gpu setup'");
    }

    /**
     * The CUDA libtorch for a GPU run; empty when none is installed or named.
     *
     * @throws BadInputException when a named folder is not a usable CUDA libtorch
     */
    public Optional<Found> cuda() {
        Optional<Found> forced = fromEnvironment();
        String option = blankToNull(properties.apply(PROPERTY));
        String named = blankToNull(env.apply(ENV));
        if (forced.isPresent()) {
            if (option != null) {
                Path chosen = LibtorchFolder.inspect(Path.of(option)).map(LibtorchFolder::libDir)
                        .orElse(Path.of(option).toAbsolutePath().normalize());
                if (!chosen.equals(forced.get().folder().libDir())) {
                    throw new BadInputException("--libtorch " + option + " contradicts PYTORCH_LIBRARY_PATH in the "
                            + "environment (" + env.apply("PYTORCH_LIBRARY_PATH") + "), which DJL always takes; "
                            + "unset one of them");
                }
            }
            return Optional.of(forced.get());
        }
        if (option != null) {
            return Optional.of(named(Origin.OPTION, option));
        }
        if (named != null) {
            return Optional.of(named(Origin.RMEL_LIBTORCH, named));
        }
        return installed();
    }

    /** The installation in DJL's cache, if complete (see {@link #installDir()}). */
    public Optional<Found> installed() {
        Optional<LibtorchFolder> f = LibtorchFolder.inspect(installDir);
        if (f.isEmpty() || !f.get().cudaLibraries() || !f.get().libDir().equals(installDir.toAbsolutePath().normalize())) {
            return Optional.empty();
        }
        Optional<InstallManifest> manifest = InstallManifest.read(installDir);
        if (manifest.isPresent() && !manifest.get().damage(installDir).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Found(Origin.GPU_SETUP, f.get(), CudaLibtorch.VERSION, CudaLibtorch.FLAVOR));
    }

    public Path installDir() {
        return installDir;
    }

    private static Found named(Origin origin, String dir) {
        Optional<LibtorchFolder> f = LibtorchFolder.inspect(Path.of(dir));
        if (f.isEmpty()) {
            throw new BadInputException(origin.label() + " " + dir + ": no libtorch.so there (nor in " + dir
                    + "/lib); give the folder of a CUDA libtorch " + CudaLibtorch.VERSION
                    + ", or run 'rmel gpu setup' to install one");
        }
        List<String> problems = f.get().problemsAsCudaEngine();
        if (!problems.isEmpty()) {
            throw new BadInputException(origin.label() + " " + dir + ": " + String.join("; ", problems));
        }
        return new Found(origin, f.get(), f.get().version(), f.get().djlFlavor());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
