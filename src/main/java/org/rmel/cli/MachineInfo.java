package org.rmel.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The machine a benchmark ran on, printed with every figure so that numbers can be compared. */
public final class MachineInfo {
    private MachineInfo() {
    }

    /** "N cores, CPU MODEL, JVM NAME VERSION". */
    public static String describe() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + cpuModel() + ", "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version");
    }

    static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return System.getProperty("os.arch") + " (CPU model unknown)";
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse(System.getProperty("os.arch") + " (CPU model unknown)");
        } catch (IOException e) {
            return System.getProperty("os.arch") + " (CPU model unreadable)";
        }
    }
}
