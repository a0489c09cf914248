package org.rmel.app.overview;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.rmel.base.BadInputException;

/**
 * Follows the runs selected in the library, and only those: selecting a run starts its follower,
 * deselecting closes it. One change counter for all of them, for the UI's Timeline to poll.
 * Call {@link #select} off the FX thread (opening a run reads run.json).
 */
public final class RunMonitor implements AutoCloseable {
    private final Map<Path, FollowedRun> followed = new LinkedHashMap<>();
    private final Map<Path, String> problems = new LinkedHashMap<>();
    private final AtomicLong changes = new AtomicLong();
    private final Duration interval;
    private List<Path> lastSelection = List.of();

    public RunMonitor(Duration interval) {
        this.interval = interval;
    }

    /**
     * Follows exactly {@code dirs}. A folder that cannot be opened (yet: a trainer just launched
     * may not have written run.json) is remembered with the reason and tried again on the next call.
     */
    public synchronized void select(List<Path> dirs) {
        List<Path> wanted = dirs.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
        followed.keySet().removeIf(dir -> {
            if (!wanted.contains(dir)) {
                followed.get(dir).close();
                return true;
            }
            return false;
        });
        problems.keySet().retainAll(wanted);
        for (Path dir : wanted) {
            if (!followed.containsKey(dir)) {
                try {
                    followed.put(dir, FollowedRun.follow(dir, changes, interval));
                    problems.remove(dir);
                } catch (BadInputException e) {
                    problems.put(dir, e.getMessage());
                }
            }
        }
        if (!wanted.equals(lastSelection)) {
            lastSelection = wanted;
            changes.incrementAndGet();
        }
    }

    public long changes() {
        return changes.get();
    }

    /** Snapshots of the followed runs, in selection order. */
    public synchronized List<FollowedRun.Snapshot> snapshots() {
        return followed.values().stream().map(FollowedRun::snapshot).toList();
    }

    /** Snapshots of those of {@code dirs} that are followed, in the order given. */
    public synchronized List<FollowedRun.Snapshot> snapshots(List<Path> dirs) {
        return dirs.stream().map(d -> followed.get(d.toAbsolutePath().normalize()))
                .filter(java.util.Objects::nonNull).map(FollowedRun::snapshot).toList();
    }

    public synchronized Optional<FollowedRun> run(Path dir) {
        return Optional.ofNullable(followed.get(dir.toAbsolutePath().normalize()));
    }

    /** Why selected folders could not be opened (folder → message). */
    public synchronized Map<Path, String> problems() {
        return Map.copyOf(problems);
    }

    @Override
    public synchronized void close() {
        followed.values().forEach(FollowedRun::close);
        followed.clear();
    }
}
