package org.rmel.gpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a folder of libtorch libraries is: its library folder (the one holding {@code libtorch.so};
 * the official archive's root, with {@code lib/} inside, is accepted too), version, flavor ({@code cpu}
 * or {@code cuNNN}) and whether a DJL JNI for it can be found. Read from the files alone, without
 * loading anything: {@link InstallManifest} ({@code gpu setup}), {@code build-version} (official
 * archive, e.g. {@code 2.7.1+cu128}), {@code version.py} (a pip-installed torch's {@code torch/lib}).
 *
 * @param libDir the folder holding libtorch.so
 * @param version e.g. "2.7.1"; empty when the files do not say
 * @param flavor "cpu", "cu128", ...; empty when unknown
 * @param cudaLibraries libtorch_cuda.so is there
 * @param described where version and flavor were read, e.g. "build-version 2.7.1+cu128"
 */
public record LibtorchFolder(Path libDir, String version, String flavor, boolean cudaLibraries, String described) {
    private static final Pattern BUILD = Pattern.compile("(\\d+\\.\\d+\\.\\d+)(?:\\+(cu\\d+|cpu|rocm[\\d.]+))?.*");
    private static final Pattern PIP_VERSION = Pattern.compile("__version__\\s*=\\s*'([^']+)'");
    private static final Pattern PIP_CUDA = Pattern.compile("(?m)^cuda\\s*(?::\\s*[^=]+)?=\\s*'([0-9.]+)'");

    public boolean cuda() {
        return flavor.startsWith("cu") || (flavor.isEmpty() && cudaLibraries);
    }

    /** The folder as a libtorch, or empty when neither it nor its {@code lib/} holds libtorch.so. */
    public static Optional<LibtorchFolder> inspect(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        Path lib;
        if (Files.isRegularFile(dir.resolve("libtorch.so"))) {
            lib = dir;
        } else if (Files.isRegularFile(dir.resolve("lib").resolve("libtorch.so"))) {
            lib = dir.resolve("lib");
        } else {
            return Optional.empty();
        }
        boolean cudaLibs = Files.isRegularFile(lib.resolve("libtorch_cuda.so"));
        Optional<InstallManifest> manifest = InstallManifest.read(lib);
        if (manifest.isPresent()) {
            return Optional.of(new LibtorchFolder(lib, manifest.get().version(), manifest.get().flavor(), cudaLibs,
                    InstallManifest.FILE_NAME + " (" + manifest.get().source() + ")"));
        }
        for (Path build : List.of(lib.resolve("build-version"), lib.getParent().resolve("build-version"))) {
            Optional<String> text = read(build);
            if (text.isPresent()) {
                Matcher m = BUILD.matcher(text.get().trim());
                if (m.matches()) {
                    String flavor = m.group(2) != null ? m.group(2) : cudaLibs ? "" : "cpu";
                    return Optional.of(new LibtorchFolder(lib, m.group(1), flavor, cudaLibs,
                            "build-version " + text.get().trim()));
                }
            }
        }
        Optional<String> pip = read(lib.getParent().resolve("version.py"));
        if (pip.isPresent()) {
            Matcher v = PIP_VERSION.matcher(pip.get());
            Matcher c = PIP_CUDA.matcher(pip.get());
            if (v.find()) {
                Matcher b = BUILD.matcher(v.group(1));
                String version = b.matches() ? b.group(1) : v.group(1);
                String flavor = c.find() ? "cu" + c.group(1).replace(".", "") : cudaLibs ? "" : "cpu";
                return Optional.of(new LibtorchFolder(lib, version, flavor, cudaLibs, "torch/version.py " + v.group(1)));
            }
        }
        return Optional.of(new LibtorchFolder(lib, "", cudaLibs ? "" : "cpu", cudaLibs, "no version file"));
    }

    /**
     * The flavor DJL must be told ({@code PYTORCH_FLAVOR}): for libtorch {@value CudaLibtorch#VERSION}
     * with CUDA libraries, {@value CudaLibtorch#FLAVOR}, whose JNI the {@code pytorch-jni} jar carries;
     * otherwise the folder's own.
     */
    public String djlFlavor() {
        if (version.equals(CudaLibtorch.VERSION) && cudaLibraries) {
            return CudaLibtorch.FLAVOR;
        }
        return flavor;
    }

    /**
     * Where DJL 0.36 would find a JNI for this libtorch, in its own order: the library folder, then
     * its cache folder for this version and flavor, then the {@code pytorch-jni} jar (2.7.1 only).
     * Empty when there is none: DJL would then try to download one.
     */
    public Optional<String> jni() {
        for (Path p : List.of(libDir.resolve(CudaLibtorch.JNI_FILE), libDir.resolve("libdjl_torch.so"),
                CudaLibtorch.engineCache().resolve(version + "-" + djlFlavor() + "-" + CudaLibtorch.CLASSIFIER)
                        .resolve(CudaLibtorch.JNI_FILE))) {
            if (Files.isRegularFile(p)) {
                return Optional.of(p.toString());
            }
        }
        if (version.equals(CudaLibtorch.VERSION) && (djlFlavor().equals("cpu") || djlFlavor().equals(CudaLibtorch.FLAVOR))) {
            return Optional.of("the pytorch-jni jar (jnilib/" + CudaLibtorch.CLASSIFIER + "/" + djlFlavor() + ")");
        }
        return Optional.empty();
    }

    /** Reasons this folder cannot serve as the CUDA engine; empty when it can. */
    public List<String> problemsAsCudaEngine() {
        List<String> out = new ArrayList<>();
        if (!cudaLibraries) {
            out.add(libDir + " holds no libtorch_cuda.so (a CPU build of libtorch)");
        }
        if (version.isEmpty()) {
            out.add(libDir + ": its version is unknown (no " + InstallManifest.FILE_NAME + ", build-version or version.py)");
        } else if (jni().isEmpty()) {
            out.add("libtorch " + version + " in " + libDir + " has no DJL " + CudaLibtorch.DJL_VERSION
                    + " JNI (DJL ships JNIs for libtorch " + CudaLibtorch.VERSION + " only; put a "
                    + CudaLibtorch.JNI_FILE + " built for it in that folder)");
        }
        return out;
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
