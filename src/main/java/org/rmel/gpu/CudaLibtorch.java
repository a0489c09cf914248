package org.rmel.gpu;

import java.net.URI;
import java.nio.file.Path;

/**
 * The CUDA build of libtorch this product uses: the one DJL 0.36.0's PyTorch JNI is built for
 * (libtorch 2.7.1, CUDA 12.8, Linux x86-64; the {@code pytorch-jni} jar carries its JNI), and where
 * DJL's own downloader would fetch and keep it.
 */
public final class CudaLibtorch {
    /** libtorch version DJL 0.36.0's JNI is built for. */
    public static final String VERSION = "2.7.1";
    /** DJL's flavor name of the CUDA 12.8 build. */
    public static final String FLAVOR = "cu128";
    public static final String CLASSIFIER = "linux-x86_64";
    /** DJL's API version, the prefix of the JNI file name it looks for ({@code 0.36.0-libdjl_torch.so}). */
    public static final String DJL_VERSION = "0.36.0";
    public static final String JNI_FILE = DJL_VERSION + "-libdjl_torch.so";
    /** DJL's published index of libtorch builds for this version ({@code files.txt} lists every file). */
    public static final URI DJL_INDEX = URI.create("https://publish.djl.ai/pytorch/" + VERSION + "/");
    /**
     * The official LibTorch archive of the same build (cxx11 ABI, shared, with its CUDA libraries), an
     * alternative for machines where only pytorch.org is reachable: unpack it and use {@code gpu setup --from}.
     */
    public static final URI OFFICIAL_ZIP = URI.create("https://download.pytorch.org/libtorch/cu128/"
            + "libtorch-cxx11-abi-shared-with-deps-2.7.1%2Bcu128.zip");
    /** The CUDA version of this build, for the driver check. */
    public static final String CUDA_VERSION = "12.8";
    /** CUDA 12.8's own minimum Linux driver (release notes, table 3). */
    public static final DriverVersion DRIVER_RECOMMENDED = DriverVersion.parse("570.26");
    /** The oldest driver CUDA 12.x runs on through minor-version compatibility. */
    public static final DriverVersion DRIVER_MINIMUM = DriverVersion.parse("525.60.13");

    private CudaLibtorch() {
    }

    /** The folder name DJL gives this build in its cache: {@code 2.7.1-cu128-linux-x86_64}. */
    public static String folderName() {
        return VERSION + "-" + FLAVOR + "-" + CLASSIFIER;
    }

    /**
     * DJL's engine cache for PyTorch ({@code $ENGINE_CACHE_DIR}, else {@code $DJL_CACHE_DIR}, else
     * {@code ~/.djl.ai}, each an environment variable or system property, as DJL reads them), plus
     * {@code pytorch}.
     */
    public static Path engineCache() {
        return ai.djl.util.Utils.getEngineCacheDir("pytorch");
    }

    /** Where {@code gpu setup} installs by default, and where DJL's own downloader would put it. */
    public static Path defaultInstallDir() {
        return engineCache().resolve(folderName());
    }
}
