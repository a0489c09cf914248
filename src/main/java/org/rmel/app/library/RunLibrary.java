package org.rmel.app.library;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.rmel.base.BadInputException;
import org.rmel.run.RunDirectory;
import org.rmel.run.RunFiles;
import org.rmel.run.RunStatusFollower;

/**
 * The runs of the workspace, the sample runs and folders opened by hand, with their status.
 * Each run's log is read incrementally (only new bytes on each refresh), so refreshing the library
 * every second costs almost nothing once the runs are read. Blocking: call it off the FX thread.
 * Reads only; never writes into a run folder.
 */
public final class RunLibrary implements AutoCloseable {
    private final Map<Path, RunStatusFollower> tracked = new LinkedHashMap<>();

    /**
     * Lists the run folders directly inside {@code workspace} and {@code samples} (a run folder
     * holds run.json or events.jsonl; the workspace's own {@code .workbench} is skipped), plus the
     * {@code opened} folders, and brings each one's status up to date.
     */
    public synchronized List<RunSummary> refresh(Path workspace, List<Path> samples, Collection<Path> opened) {
        Map<Path, RunSummary.Source> found = new LinkedHashMap<>();
        for (Path dir : runFolders(workspace)) {
            found.putIfAbsent(dir, RunSummary.Source.WORKSPACE);
        }
        for (Path sampleRoot : samples) {
            for (Path dir : runFolders(sampleRoot)) {
                found.putIfAbsent(dir, RunSummary.Source.SAMPLE);
            }
        }
        for (Path dir : opened) {
            found.putIfAbsent(dir.toAbsolutePath().normalize(), RunSummary.Source.OPENED);
        }
        tracked.keySet().removeIf(dir -> {
            if (!found.containsKey(dir)) {
                tracked.get(dir).close();
                return true;
            }
            return false;
        });
        List<RunSummary> summaries = new ArrayList<>();
        found.forEach((dir, source) -> summaries.add(summarize(dir, source)));
        return summaries;
    }

    private RunSummary summarize(Path dir, RunSummary.Source source) {
        try {
            RunStatusFollower t = tracked.get(dir);
            if (t == null) {
                t = new RunStatusFollower(RunDirectory.open(dir));
                tracked.put(dir, t);
            }
            t.catchUp();
            return new RunSummary(dir, source, t.run().spec().condition(), Optional.of(t.status()), t.warnings(),
                    Optional.empty());
        } catch (BadInputException e) {
            return new RunSummary(dir, source, Optional.empty(), Optional.empty(), 0, Optional.of(e.getMessage()));
        } catch (IOException e) {
            RunStatusFollower broken = tracked.remove(dir);
            if (broken != null) {
                broken.close();
            }
            return new RunSummary(dir, source, Optional.empty(), Optional.empty(), 0,
                    Optional.of(dir.resolve(RunFiles.EVENTS) + ": cannot be read (" + e.getMessage() + ")"));
        }
    }

    static List<Path> runFolders(Path root) {
        if (root == null || !Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory)
                    .filter(d -> !d.getFileName().toString().startsWith("."))
                    .filter(d -> Files.exists(d.resolve(RunFiles.SPEC)) || Files.exists(d.resolve(RunFiles.EVENTS)))
                    .map(d -> d.toAbsolutePath().normalize())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public synchronized void close() {
        tracked.values().forEach(RunStatusFollower::close);
        tracked.clear();
    }
}
