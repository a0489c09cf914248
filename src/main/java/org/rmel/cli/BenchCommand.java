package org.rmel.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bench TARGET}: performance figures for the README. One subcommand per target
 * ({@code bench verify}, ...); each prints its figures together with {@link MachineInfo}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure performance of one part of the workbench (figures for the README).",
        subcommands = {BenchVerifyCommand.class, BenchRunOpenCommand.class, BenchModelCommand.class,
                BenchRandomModelCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a bench target, e.g. bench verify");
    }
}
