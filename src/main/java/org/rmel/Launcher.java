package org.rmel;

import org.rmel.cli.RmelCommand;

/**
 * Entry point of the shaded jar. It must not extend {@code javafx.application.Application}:
 * a shaded (classpath) jar whose main class is an Application fails with
 * "JavaFX runtime components are missing", so the GUI is started from here instead.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        System.exit(RmelCommand.execute(args));
    }
}
