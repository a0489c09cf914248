package org.rmel.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs one command-line subcommand ({@code gpu setup}, {@code doctor}) as a child JVM with this
 * JVM's java and class path, passing each output line (stdout and stderr together) to a consumer:
 * the workbench shows what the command line would print, and what it loads (DJL, CUDA) stays out
 * of the window's process. Blocking: call it off the FX thread.
 */
public final class SubcommandRun {
    /** System properties passed on to the child besides DJL's (test stand-ins, a chosen libtorch). */
    private static final List<String> FORWARDED = List.of("rmel.nvidiaSmi", "rmel.gpuPresent", "rmel.libtorch",
            "rmel.libtorchIndex", "rmel.cache.dir", "RMEL_DATA_DIR");

    private SubcommandRun() {
    }

    /** Runs {@code rmel NAME ARGS...}; returns its exit code. */
    public static int run(String name, List<String> args, Consumer<String> lines) throws IOException, InterruptedException {
        TrainerCommand base = TrainerCommand.ofCurrentJvm();
        List<String> options = new ArrayList<>(base.jvmOptions());
        for (String key : FORWARDED) {
            String v = System.getProperty(key);
            if (v != null) {
                options.add("-D" + key + "=" + v);
            }
        }
        List<String> command = new TrainerCommand(base.javaBinary(), base.classpath(), options, base.mainClass())
                .subcommand(name, args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.accept(line);
            }
        }
        return p.waitFor();
    }
}
