package org.rmel.cli;

import java.nio.file.Path;
import org.rmel.gpu.LibtorchLocator;
import picocli.CommandLine.Option;

/**
 * {@code --libtorch DIR} for every command that loads a model: a CUDA libtorch to use instead of
 * the one {@code gpu setup} installed. Must be applied before the first model loads.
 */
public final class EngineOptions {
    @Option(names = "--libtorch", paramLabel = "DIR",
            description = "A CUDA libtorch " + "2.7.1 folder to use on the GPU (default: $" + LibtorchLocator.ENV
                    + ", else what 'gpu setup' installed).")
    Path libtorch;

    /** Passes the option on to the engine selection (a system property read before DJL loads). */
    public void apply() {
        if (libtorch != null) {
            System.setProperty(LibtorchLocator.PROPERTY, libtorch.toAbsolutePath().normalize().toString());
        }
    }
}
