package org.rmel.launch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the workbench remembers about a trainer it started, kept in the workspace's
 * {@code .workbench/launches/} folder (never inside the run folder): the pid and the process's
 * start time (so a recycled pid is not mistaken for the trainer), the run folder, and the file
 * that receives the trainer's console output. A reopened workbench re-attaches through it.
 */
public record LaunchRecord(long pid, long startEpochMs, String runDir, String consoleLog) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Written atomically (temp file + rename) so a second workbench never reads half a record. */
    public void save(Path launchesDir) throws IOException {
        Files.createDirectories(launchesDir);
        Path target = launchesDir.resolve(fileName());
        Path temp = Files.createTempFile(launchesDir, ".launch", ".tmp");
        JSON.writeValue(temp.toFile(), this);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public String fileName() {
        return "pid-" + pid + ".json";
    }

    public Path runPath() {
        return Path.of(runDir);
    }

    /** The live process this record describes, if it is still the same process. */
    public Optional<ProcessHandle> liveProcess() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(handle -> handle.info().startInstant()
                .map(start -> Math.abs(start.toEpochMilli() - startEpochMs) < 2000)
                .orElse(true));
    }

    /** Every readable record in the folder; unreadable ones (another writer's temp files) are skipped. */
    public static List<LaunchRecord> loadAll(Path launchesDir) throws IOException {
        List<LaunchRecord> records = new ArrayList<>();
        if (!Files.isDirectory(launchesDir)) {
            return records;
        }
        try (Stream<Path> files = Files.list(launchesDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("pid-")).sorted().toList()) {
                try {
                    records.add(JSON.readValue(file.toFile(), LaunchRecord.class));
                } catch (IOException e) {
                    // a record another instance is replacing right now; the next scan sees it
                }
            }
        }
        return records;
    }
}
