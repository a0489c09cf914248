package org.rmel.app.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuProbeTest {
    @Test
    void parsesNvidiaSmiCsvWithUnits() {
        List<GpuInfo> gpus = GpuProbe.parse("NVIDIA H100 80GB HBM3, 37 %, 12034 MiB, 81559 MiB\n"
                + "NVIDIA H100 80GB HBM3, [N/A], 3 MiB, 81559 MiB\n");
        assertEquals(List.of(new GpuInfo("NVIDIA H100 80GB HBM3", 37, 12034, 81559)), gpus);
        assertEquals("NVIDIA H100 80GB HBM3 · 37% · 12034/81559 MiB", GpuProbe.describe(gpus));
    }

    @Test
    void parsesTheLineAnH100Printed() {
        // recorded from nvidia-smi on an H100 machine with the query the probe uses
        assertEquals(List.of(new GpuInfo("NVIDIA H100 80GB HBM3", 0, 0, 81559)),
                GpuProbe.parse("NVIDIA H100 80GB HBM3, 0 %, 0 MiB, 81559 MiB\n"));
    }

    @Test
    void noNvidiaSmiMeansCpuOnly() {
        assertEquals("CPU only", GpuProbe.describe(new GpuProbe("/nonexistent/nvidia-smi").probe()));
    }

    @Test
    void runsTheExecutableWithTheDocumentedQuery(@TempDir Path tmp) throws Exception {
        Path fake = tmp.resolve("nvidia-smi");
        Files.writeString(fake, "#!/bin/sh\n[ \"$1\" = \"--query-gpu=name,utilization.gpu,memory.used,memory.total\" ] "
                + "&& [ \"$2\" = \"--format=csv,noheader\" ] && echo 'Fake GPU, 5 %, 10 MiB, 100 MiB'\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        assertEquals(List.of(new GpuInfo("Fake GPU", 5, 10, 100)), new GpuProbe(fake.toString()).probe());
    }
}
