package org.rmel.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import org.rmel.base.BadInputException;
import org.rmel.base.EnvironmentException;

/** Starts the JavaFX application from a plain main (see {@link org.rmel.Launcher}). */
public final class WorkbenchLauncher {
    private WorkbenchLauncher() {
    }

    /**
     * Opens the workbench on {@code runDirs}. A folder that does not exist is bad input (exit 2,
     * e.g. a mistyped subcommand: {@code rmel frobnicate}), checked before any window; no display
     * is an environment fault (exit 4) with what to do, not an internal error.
     */
    public static int launch(List<Path> runDirs) {
        for (Path p : runDirs) {
            if (!Files.exists(p)) {
                boolean word = p.getNameCount() == 1 && !p.toString().contains(".");
                throw new BadInputException(word
                        ? "'" + p + "' is neither a command nor a run folder; 'rmel --help' lists the commands"
                        : p + ": no such run or study folder");
            }
        }
        if (!displayAvailable()) {
            throw new EnvironmentException("the workbench needs a graphical display and none is set (DISPLAY or"
                    + " WAYLAND_DISPLAY); start it from a desktop session or under xvfb-run, or use the command line"
                    + " ('rmel --help')");
        }
        String[] args = runDirs.stream().map(Path::toString).toArray(String[]::new);
        Application.launch(WorkbenchApp.class, args);
        return 0;
    }

    /** Linux without X or Wayland cannot open a window (Monocle, the headless test platform, can); {@code doctor} asks too. */
    public static boolean displayAvailable() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return true;
        }
        if ("Monocle".equalsIgnoreCase(System.getProperty("glass.platform"))) {
            return true;
        }
        return notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
