package org.rmel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.testsupport.ChildJvm;

/**
 * {@code doctor} in a child JVM: every part with OK or what to do; with a stand-in nvidia-smi
 * (an H100 on driver 570.124.06), the GPU, driver, CUDA version, the advice to run gpu setup, and
 * the memory estimate against the GPU's memory.
 */
class DoctorCommandTest {
    @TempDir
    Path tmp;

    /** A script answering nvidia-smi's queries as an 80 GB H100 with the given driver would. */
    private Path fakeSmi(String driver) throws IOException {
        Path script = tmp.resolve("nvidia-smi");
        Files.writeString(script, String.join("\n",
                "#!/bin/sh",
                "case \"$*\" in",
                "  *--query-gpu=index*) echo \"0, NVIDIA H100 80GB HBM3, 81559, 1024, " + driver + "\" ;;",
                "  *--query-gpu=memory*) echo \"1024, 81559\" ;;",
                "  *) echo \"| NVIDIA-SMI " + driver + "   Driver Version: " + driver + "   CUDA Version: 12.8 |\" ;;",
                "esac", ""));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private static String line(String out, String part) {
        String column = String.format(java.util.Locale.ROOT, "%-13s ", part);
        return out.lines().filter(l -> l.matches("\\s+\\S+\\s+" + java.util.regex.Pattern.quote(column) + ".*"))
                .findFirst().orElseThrow(() -> new AssertionError("no '" + part + "' line in:\n" + out));
    }

    @Test
    void cpuOnlyMachine() throws Exception {
        ChildJvm.Result r = ChildJvm.withTestSettings().property("rmel.nvidiaSmi", tmp.resolve("none").toString())
                .withoutEnv("PYTORCH_LIBRARY_PATH").withoutEnv("RMEL_LIBTORCH").env("RMEL_DATA_DIR", tmp.toString())
                .run(tmp, 120, "doctor", "--shape", "qwen2.5-0.5b");
        assertEquals(0, r.exit(), r.out() + r.err());
        for (String part : List.of("Java", "JavaFX", "DJL", "CUDA build", "libtorch", "GPUs", "CUDA", "data folder", "memory")) {
            line(r.out(), part);
        }
        assertTrue(line(r.out(), "libtorch").matches(".*OK\\s+libtorch\\s+2\\.7\\.1 \\(cpu\\), bundled in the jar, loaded from /.*"),
                r.out());
        assertTrue(line(r.out(), "GPUs").contains("none:"), r.out());
        assertTrue(line(r.out(), "data folder").contains("run 'rmel datasets fetch'"), r.out());
        assertTrue(line(r.out(), "memory").contains("qwen2.5-0.5b shape, paper preset"), r.out());
    }

    @Test
    void gpuMachineWithoutTheCudaBuild() throws Exception {
        ChildJvm.Result r = ChildJvm.withTestSettings().property("rmel.nvidiaSmi", fakeSmi("570.124.06").toString())
                .property("DJL_CACHE_DIR", System.getProperty("DJL_CACHE_DIR"))
                .withoutEnv("PYTORCH_LIBRARY_PATH").withoutEnv("RMEL_LIBTORCH")
                .run(tmp, 120, "doctor", "--shape", "qwen2.5-1.5b", "--prompt-tokens", "300");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(line(r.out(), "GPU 0").contains("NVIDIA H100 80GB HBM3, 79.6 GiB (1.0 GiB in use)"), r.out());
        assertTrue(line(r.out(), "driver").contains("570.124.06, supports CUDA 12.8"), r.out());
        assertTrue(line(r.out(), "driver").startsWith("  OK"), r.out());
        String build = line(r.out(), "CUDA build");
        assertTrue(build.startsWith("  WARN") && build.contains("run 'rmel gpu setup'"), build);
        assertTrue(line(r.out(), "CUDA").contains("the GPU needs the CUDA build ('rmel gpu setup')"), r.out());
        // the paper preset in bf16 on an 80 GB card: the estimate is compared with the card
        String memory = line(r.out(), "memory");
        assertTrue(memory.contains("(bf16)") && (memory.contains("fits 79.6 GiB") || memory.contains("exceeds 95% of 79.6 GiB")),
                memory);
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("warning:")).count(), "auto warns once: " + r.err());
    }

    @Test
    void anOldDriverIsAFailWithWhatToInstall() throws Exception {
        ChildJvm.Result r = ChildJvm.withTestSettings().property("rmel.nvidiaSmi", fakeSmi("470.82.01").toString())
                .withoutEnv("PYTORCH_LIBRARY_PATH").withoutEnv("RMEL_LIBTORCH")
                .run(tmp, 120, "doctor", "--device", "cpu");
        assertEquals(1, r.exit(), r.out() + r.err());
        String driver = line(r.out(), "driver");
        assertTrue(driver.startsWith("  FAIL") && driver.contains("install NVIDIA driver 570.26 or newer"), driver);
    }
}
