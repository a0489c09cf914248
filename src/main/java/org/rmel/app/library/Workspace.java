package org.rmel.app.library;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * The workspace: the folder whose sub-folders are runs (remembered in {@code java.util.prefs},
 * default {@code ~/rmel-runs}), and the bundled {@code sample-runs/}. The workbench's own files
 * (launch records, trainer console output) go to {@code WORKSPACE/.workbench/}, never into a run.
 *
 * <p>{@code java.util.prefs} writes its store through a lock file and a rename, so two workbench
 * instances saving at once leave one complete value, never a torn one.
 */
public final class Workspace {
    static final String KEY = "workspace";

    private final Preferences preferences;

    public Workspace(Preferences preferences) {
        this.preferences = preferences;
    }

    public static Path defaultFolder() {
        return Path.of(System.getProperty("user.home"), "rmel-runs");
    }

    public Path folder() {
        return Path.of(preferences.get(KEY, defaultFolder().toString()));
    }

    public void setFolder(Path folder) {
        preferences.put(KEY, folder.toAbsolutePath().normalize().toString());
        try {
            preferences.flush();
        } catch (BackingStoreException e) {
            // the value still holds for this session; java.util.prefs retries on its own timer
        }
    }

    public Path stateFolder() {
        return folder().resolve(".workbench");
    }

    public Path launchesFolder() {
        return stateFolder().resolve("launches");
    }

    /** Where the console output of a trainer started for {@code runDir} goes. */
    public Path consoleLogFor(Path runDir) {
        return stateFolder().resolve("console").resolve(runDir.getFileName() + "-" + System.currentTimeMillis() + ".log");
    }

    /**
     * System property naming the sample-runs folder to list instead of the bundled one, or
     * {@code none} for no samples (the test suite sets it, so the library tests see only the runs
     * they write, not whatever the checkout bundles).
     */
    public static final String SAMPLE_RUNS_PROPERTY = "rmel.sampleRuns";

    /** The sample runs this workbench lists: the property's folder if set, else the bundled one. */
    public static List<Path> sampleRunFolders() {
        String configured = System.getProperty(SAMPLE_RUNS_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            return configured.equals("none") || !Files.isDirectory(dir) ? List.of() : List.of(dir.toAbsolutePath());
        }
        return sampleRunFolders(Path.of("").toAbsolutePath(), codeLocation());
    }

    /**
     * The bundled sample runs: {@code sample-runs/} in the working directory, next to the jar, or
     * one level above the jar (a {@code target/} build); the first that exists.
     */
    public static List<Path> sampleRunFolders(Path workingDir, Path jarOrClasses) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(workingDir.resolve("sample-runs"));
        if (jarOrClasses != null && jarOrClasses.getParent() != null) {
            candidates.add(jarOrClasses.getParent().resolve("sample-runs"));
            if (jarOrClasses.getParent().getParent() != null) {
                candidates.add(jarOrClasses.getParent().getParent().resolve("sample-runs"));
            }
        }
        return candidates.stream().filter(Files::isDirectory).map(p -> p.toAbsolutePath().normalize())
                .distinct().limit(1).toList();
    }

    /** Where this code was loaded from (the jar, or target/classes). */
    public static Path codeLocation() {
        try {
            return Path.of(Workspace.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            return null;
        }
    }
}
