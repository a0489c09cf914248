package org.rmel.cli;

import java.util.concurrent.Callable;
import org.rmel.base.BadInputException;
import org.rmel.app.WorkbenchLauncher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The root command: with no subcommand it opens the workbench window. */
@Command(
        name = "rmel",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "R-MEL Workbench: launch, monitor, inspect and export R-MEL training runs.%n"
                + "With no subcommand, opens the workbench window.",
        subcommands = {
                GuiCommand.class,
                ExportCommand.class,
                VerifyCommand.class,
                BenchCommand.class,
                AnalyzeCommand.class,
                GenerateCommand.class,
                DatasetsCommand.class,
                TrainCommand.class,
                EvalCommand.class,
                StudyCommand.class,
                GpuCommand.class,
                DoctorCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class RmelCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "RUN_DIR", description = "Run folders (or study folders) to open in the workbench.")
    private java.util.List<java.nio.file.Path> runDirs = new java.util.ArrayList<>();

    @Override
    public Integer call() {
        return WorkbenchLauncher.launch(runDirs);
    }

    /** Runs the command line and returns the process exit code. */
    public static int execute(String... args) {
        return execute(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** As {@link #execute(String...)} with the output and error streams given (tests, embedding). */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new RmelCommand());
        cl.setOut(out);
        cl.setErr(err);
        CommandFailures failures = new CommandFailures(); // exit codes and error lines of every subcommand
        cl.setExecutionExceptionHandler(failures);
        cl.setParameterExceptionHandler(failures);
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            return CommandFailures.report(e, err);
        }
    }
}
