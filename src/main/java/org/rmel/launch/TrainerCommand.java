package org.rmel.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts the trainer as a child JVM: the same java binary and classpath as
 * this workbench, so a run launched from the GUI uses exactly the code the GUI was built with.
 */
public record TrainerCommand(String javaBinary, String classpath, List<String> jvmOptions, String mainClass) {
    public static final String MAIN_CLASS = "org.rmel.Launcher";

    public TrainerCommand {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** The running JVM's binary and classpath, forwarding the DJL settings (offline mode, cache folder). */
    public static TrainerCommand ofCurrentJvm() {
        // java.home's own java first: in an installed app (jpackage) the current process is the
        // native launcher, which would start another workbench, not run `-cp ... train`.
        Path runtimeJava = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name", "").startsWith("Windows") ? "java.exe" : "java");
        String java = Files.isExecutable(runtimeJava) ? runtimeJava.toString()
                : ProcessHandle.current().info().command().orElse(runtimeJava.toString());
        List<String> options = new ArrayList<>();
        System.getProperties().stringPropertyNames().stream().sorted()
                .filter(name -> name.startsWith("ai.djl.") || name.equals("DJL_CACHE_DIR"))
                .forEach(name -> options.add("-D" + name + "=" + System.getProperty(name)));
        return new TrainerCommand(java, System.getProperty("java.class.path"), options, MAIN_CLASS);
    }

    /** The same JVM and classpath with another main class (e.g. a test's stand-in trainer). */
    public TrainerCommand withMainClass(String otherMainClass) {
        return new TrainerCommand(javaBinary, classpath, jvmOptions, otherMainClass);
    }

    /** {@code java [options] -cp CP MAIN train ARGS...}. */
    public List<String> train(List<String> trainArgs) {
        return subcommand("train", trainArgs);
    }

    /** {@code java [options] -cp CP MAIN SUBCOMMAND ARGS...} (e.g. {@code study run STUDY}). */
    public List<String> subcommand(String name, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.add(name);
        command.addAll(args);
        return command;
    }
}
