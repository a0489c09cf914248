package org.rmel.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gpu setup}, {@code gpu check}: what training on an NVIDIA GPU needs, and whether it computes right. */
@Command(name = "gpu", mixinStandardHelpOptions = true,
        description = "Set up training on an NVIDIA GPU ('rmel doctor' shows what would load).",
        subcommands = {GpuSetupCommand.class, GpuCheckCommand.class})
public final class GpuCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a gpu command, e.g. gpu setup");
    }
}
