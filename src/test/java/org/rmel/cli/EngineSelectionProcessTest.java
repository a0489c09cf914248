package org.rmel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.testsupport.ChildJvm;
import org.rmel.testsupport.SharedData;

/**
 * Which libtorch a process loads, decided before DJL's first load, in real child JVMs (the engine
 * is chosen once per process): {@code --device gpu} without a CUDA build, {@code auto} on a GPU
 * machine without one, the silenced DJL warning, a {@code PYTORCH_LIBRARY_PATH} without a flavor,
 * and a CUDA-looking folder that is actually handed to DJL.
 */
class EngineSelectionProcessTest {
    @TempDir
    static Path tmp;
    /** The bundled CPU libtorch as DJL extracted it for this test JVM. */
    static Path cpuLibtorch;

    @BeforeAll
    static void extractTheCpuBuild() {
        Engine.getEngine("PyTorch");
        cpuLibtorch = Path.of(LibUtils.getLibtorchPath());
    }

    private static ChildJvm child() {
        return ChildJvm.withTestSettings().withoutEnv("PYTORCH_LIBRARY_PATH").withoutEnv("PYTORCH_FLAVOR")
                .withoutEnv("PYTORCH_VERSION").withoutEnv("RMEL_LIBTORCH").property("rmel.nvidiaSmi", "/nonexistent/nvidia-smi");
    }

    private static String fixture() {
        return SharedData.sharedDir().resolve("fixtures").resolve("qwen2-tiny-tied").toString();
    }

    private static List<String> generate(String device) {
        return List.of("generate", fixture(), "--prompt-ids", "1,2,3", "--greedy", "--max-new-tokens", "2", "--device", device);
    }

    @Test
    void deviceGpuWithoutCudaLibtorchExitsTwoNamingGpuSetupAndLeavesNoRunFolder() throws Exception {
        Path out = tmp.resolve("gpu-run");
        ChildJvm.Result r = child().property("DJL_CACHE_DIR", tmp.resolve("empty-cache").toString())
                .run(tmp, 120, "train", "--preset", "smoke", "--device", "gpu", "--out", out.toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().startsWith("error: device gpu: no CUDA build of libtorch is installed; run 'rmel gpu setup'"),
                r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace: " + r.err());
        assertFalse(Files.exists(out), "no run folder");
    }

    @Test
    void autoOnAGpuMachineWithoutCudaLibtorchWarnsOnceAndRunsOnTheCpu() throws Exception {
        ChildJvm.Result r = child().property("rmel.gpuPresent", "true").run(tmp, 120,
                generate("auto").toArray(String[]::new));
        assertEquals(0, r.exit(), r.out() + r.err());
        List<String> warnings = r.err().lines().filter(l -> l.startsWith("warning:")).toList();
        assertEquals(1, warnings.size(), r.err());
        assertTrue(warnings.get(0).contains("run 'rmel gpu setup'") && warnings.get(0).contains("on the CPU"), warnings.get(0));
    }

    @Test
    void djlsGpuCountWarningIsSilencedWithoutAGpu() throws Exception {
        // the control: with DJL's logger at its default level, this machine shows the warning
        ChildJvm.Result loud = child().property("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "warn")
                .run(tmp, 120, generate("cpu").toArray(String[]::new));
        assumeTrue(loud.err().contains("Failed to detect GPU count"),
                "this machine has no CUDA runtime for DJL's probe to fail on, so there is nothing to silence");
        ChildJvm.Result quiet = child().run(tmp, 120, generate("cpu").toArray(String[]::new));
        assertEquals(0, quiet.exit(), quiet.err());
        assertFalse(quiet.err().contains("Failed to detect GPU count"), quiet.err());
    }

    @Test
    void djlsInfoLinesAreLeftOutUnlessAskedFor() throws Exception {
        ChildJvm.Result asked = child().property("org.slf4j.simpleLogger.log.ai.djl", "info")
                .run(tmp, 120, generate("cpu").toArray(String[]::new));
        assertTrue(asked.err().contains("INFO ai.djl"), "the control shows DJL's INFO lines: " + asked.err());
        ChildJvm.Result plain = child().run(tmp, 120, generate("cpu").toArray(String[]::new));
        assertEquals(0, plain.exit(), plain.err());
        assertFalse(plain.err().contains("INFO ai.djl"), plain.err());
    }

    @Test
    void aLibraryPathWithoutFlavorLoadsFromThatFolder() throws Exception {
        Path folder = linkedCopy("cpu-copy", "2.7.1+cpu");
        ChildJvm.Result r = child().env("PYTORCH_LIBRARY_PATH", folder.toString())
                .run(tmp, 120, "doctor", "--device", "cpu");
        assertTrue(r.out().contains("2.7.1 (cpu), from PYTORCH_LIBRARY_PATH, loaded from " + folder), r.out() + r.err());

        ChildJvm.Result gpu = child().env("PYTORCH_LIBRARY_PATH", folder.toString())
                .run(tmp, 120, generate("gpu").toArray(String[]::new));
        assertEquals(2, gpu.exit(), gpu.err());
        assertTrue(gpu.err().contains("is not a CUDA build"), gpu.err());
    }

    @Test
    void aCudaFolderIsHandedToDjlInProcessAndAFailedLoadIsOneLine() throws Exception {
        // the CPU libraries, plus a libtorch_cuda.so that is not one: DJL takes the folder (flavor cu128)
        // and then fails on the cu128 JNI, which needs the real CUDA libraries
        Path folder = linkedCopy("fake-cuda", "2.7.1+cu128");
        Files.createSymbolicLink(folder.resolve("libtorch_cuda.so"), gomp());
        ChildJvm.Result r = child().run(tmp, 120, "generate", fixture(), "--prompt-ids", "1,2", "--greedy",
                "--max-new-tokens", "1", "--device", "gpu", "--libtorch", folder.toString());
        assertEquals(4, r.exit(), r.out() + r.err());
        List<String> errors = r.err().lines().filter(l -> l.startsWith("error:")).toList();
        assertEquals(1, errors.size(), r.err());
        assertTrue(errors.get(0).startsWith("error: cannot load libtorch 2.7.1 (cu128) in " + folder + ", from --libtorch: "),
                r.err());
        assertTrue(errors.get(0).contains("libc10_cuda.so"), "DJL was handed the folder and tried its cu128 JNI: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());

        ChildJvm.Result missing = child().run(tmp, 60, "generate", fixture(), "--prompt-ids", "1", "--device", "gpu",
                "--libtorch", tmp.resolve("nowhere").toString());
        assertEquals(2, missing.exit(), missing.err());
        assertTrue(missing.err().contains("--libtorch " + tmp.resolve("nowhere") + ": no libtorch.so there"), missing.err());
    }

    /** A folder of links to the CPU build's libraries with the given build-version file. */
    private static Path linkedCopy(String name, String buildVersion) throws IOException {
        Path folder = tmp.resolve(name);
        Files.createDirectories(folder);
        try (Stream<Path> s = Files.list(cpuLibtorch)) {
            for (Path lib : s.filter(p -> p.getFileName().toString().matches(".*\\.so(\\.\\d+)*")
                    && !p.getFileName().toString().contains("djl_torch")).toList()) {
                Files.createSymbolicLink(folder.resolve(lib.getFileName()), lib);
            }
        }
        Files.writeString(folder.resolve("build-version"), buildVersion + "\n");
        return folder;
    }

    private static Path gomp() throws IOException {
        try (Stream<Path> s = Files.list(cpuLibtorch)) {
            return s.filter(p -> p.getFileName().toString().startsWith("libgomp")).findFirst().orElseThrow();
        }
    }
}
