package org.rmel.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command line ({@code org.rmel.Launcher ARGS}) in a fresh JVM with this test's class
 * path: for behaviour that depends on what a process loads first (the PyTorch engine is chosen
 * once per process) or on its environment variables.
 */
public final class ChildJvm {
    private final List<String> properties = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> removedEnv = new ArrayList<>();

    /** Forwards DJL's cache, offline mode and the cache folders the tests use. */
    public static ChildJvm withTestSettings() {
        ChildJvm c = new ChildJvm();
        for (String key : List.of("DJL_CACHE_DIR", "ai.djl.offline", "rmel.cache.dir", "rmel.shared.dir")) {
            String v = System.getProperty(key);
            if (v != null) {
                c.property(key, v);
            }
        }
        return c;
    }

    public ChildJvm property(String key, String value) {
        properties.add("-D" + key + "=" + value);
        return this;
    }

    public ChildJvm env(String key, String value) {
        env.put(key, value);
        return this;
    }

    public ChildJvm withoutEnv(String key) {
        removedEnv.add(key);
        return this;
    }

    /** The exit code and the two output streams. */
    public record Result(int exit, String out, String err) {
    }

    public Result run(Path workDir, int timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        cmd.addAll(properties);
        cmd.add("org.rmel.Launcher");
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "child-", ".out");
        Path err = Files.createTempFile(workDir, "child-", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        removedEnv.forEach(pb.environment()::remove);
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM did not finish within " + timeoutSeconds + " s: " + cmd
                    + "\n" + Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
