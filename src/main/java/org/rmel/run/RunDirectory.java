package org.rmel.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rmel.base.BadInputException;

/**
 * A validated run folder, opened for reading. Opening checks that the folder exists and holds
 * {@code run.json}; everything else is read on demand, in one pass ({@link #read}) or live
 * ({@link #tail}, {@link RunFollower}).
 */
public final class RunDirectory {
    private final Path dir;
    private final RunSpec spec;

    private RunDirectory(Path dir, RunSpec spec) {
        this.dir = dir;
        this.spec = spec;
    }

    /** Opens {@code dir}; a missing folder, a folder without {@code run.json} or a bad spec is a {@link BadInputException}. */
    public static RunDirectory open(Path dir) {
        if (!Files.exists(dir)) {
            throw new BadInputException(dir + ": no such run folder");
        }
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": not a run folder (a run is a folder with run.json and events.jsonl)");
        }
        Path specFile = dir.resolve(RunFiles.SPEC);
        if (!Files.exists(specFile)) {
            if (!Files.exists(dir.resolve(RunFiles.EVENTS))) {
                throw new BadInputException(dir + ": not a run folder (it has neither run.json nor events.jsonl)");
            }
            throw new BadInputException(specFile + ": missing; the run's settings are unknown");
        }
        return new RunDirectory(dir, RunSpec.read(specFile));
    }

    public Path dir() {
        return dir;
    }

    public RunSpec spec() {
        return spec;
    }

    public Path eventsFile() {
        return dir.resolve(RunFiles.EVENTS);
    }

    public Path checkpointsDir() {
        return dir.resolve(RunFiles.CHECKPOINTS);
    }

    public Path trainerLog() {
        return dir.resolve(RunFiles.TRAINER_LOG);
    }

    /** A fresh incremental reader positioned at the start of the log. */
    public EventTail tail() {
        return new EventTail(eventsFile());
    }

    /** As {@link #tail()}, parsing only events of these types (see {@link EventTail#EventTail(Path, Set)}). */
    public EventTail tail(java.util.Set<String> types) {
        return new EventTail(eventsFile(), types);
    }

    /** A reader of only the events {@link RunStatusTracker} needs, fast on a large log. */
    public EventTail statusTail() {
        return tail(RunStatusTracker.TYPES);
    }

    /** The run's status, read with {@link #statusTail()}. */
    public RunStatus status() {
        RunStatusTracker tracker = new RunStatusTracker(spec);
        try (EventTail tail = statusTail()) {
            Batch batch;
            do {
                batch = tail.poll();
                batch.feed(tracker);
            } while (!batch.caughtUp());
        } catch (IOException e) {
            throw new BadInputException(eventsFile() + ": cannot be read (" + e.getMessage() + ")");
        }
        return tracker.status(writer());
    }

    public RunLock.Liveness writer() {
        return RunLock.probe(dir);
    }

    /**
     * Reads the whole log once, feeding every sink (resets included). A torn last line is
     * reported when no writer is alive (a truncated file); a non-empty log without a single
     * usable event is a {@link BadInputException}.
     */
    public ReadResult read(EventSink... sinks) {
        RunStatusTracker status = new RunStatusTracker(spec);
        List<ReadWarning> warnings = new ArrayList<>();
        long events = 0;
        Batch batch;
        long linesRead;
        try (EventTail tail = tail()) {
            do {
                batch = tail.poll();
                if (batch.reset()) {
                    warnings.clear();
                    events = 0;
                }
                batch.feed(status);
                for (EventSink s : sinks) {
                    batch.feed(s);
                }
                warnings.addAll(batch.warnings());
                events += batch.events().size();
            } while (!batch.caughtUp());
            linesRead = tail.line();
            if (tail.unlistedWarnings() > 0) {
                warnings.add(new ReadWarning(eventsFile(), 0, tail.unlistedWarnings() + " more problem"
                        + (tail.unlistedWarnings() == 1 ? "" : "s") + " not listed"));
            }
        } catch (IOException e) {
            throw new BadInputException(eventsFile() + ": cannot be read (" + e.getMessage() + ")");
        }
        RunLock.Liveness writer = writer();
        if (!Files.exists(eventsFile())) {
            warnings.add(new ReadWarning(eventsFile(), 0, "missing; the run has not logged anything yet"));
        }
        if (batch.tornTail() && writer != RunLock.Liveness.ALIVE) {
            warnings.add(new ReadWarning(eventsFile(), linesRead + 1,
                    "incomplete last line (the file was cut off mid-write); ignored"));
        }
        if (events == 0 && linesRead > 0 && !warnings.isEmpty()) {
            throw new BadInputException(eventsFile() + ": no readable event; first problem: " + warnings.get(0));
        }
        return new ReadResult(warnings, events, status.status(writer));
    }

    /** The last checkpoint that survives the resume rule, the one a resume starts from. */
    public Optional<CheckpointEvent> lastCheckpoint() {
        CheckpointEvent[] last = {null};
        read(new EventSink() {
            @Override
            public void accept(LoggedEvent e) {
                if (e.event() instanceof CheckpointEvent c) {
                    last[0] = c;
                }
            }

            @Override
            public void reset() {
                last[0] = null;
            }
        });
        return Optional.ofNullable(last[0]);
    }

    /** Re-reads one event in full (texts included) from its place in the log. */
    public RunEvent readEvent(long offset, int length) {
        try (FileChannel ch = FileChannel.open(eventsFile(), StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(length);
            while (buf.hasRemaining() && ch.read(buf, offset + buf.position()) >= 0) {
                // keep reading until the whole line is in
            }
            return RunJson.MAPPER.readValue(buf.array(), 0, buf.position(), RunEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(eventsFile() + " at byte " + offset + ": cannot be re-read", e);
        }
    }
}
