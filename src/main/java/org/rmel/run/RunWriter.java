package org.rmel.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.rmel.base.BadInputException;
import org.rmel.base.EnvironmentException;
import org.rmel.base.IoFaults;

/**
 * Writes a run directory: {@code run.json} once (atomically), then {@code events.jsonl} one line
 * per event, never rewritten. Each event is handed to the OS as one write (so a reader sees whole
 * lines or a torn last line, never interleaved halves); the file is forced to disk at every
 * checkpoint and at the end, so a killed trainer leaves a run that {@link #resume} continues.
 *
 * <p>Every line carries {@code seq} (contract 1.1): 1 for {@code run_started}, then one more per
 * line, continued across resumes, so a reader detects duplicated, missing and reordered lines.
 * A write that fails (disk full, I/O error) is undone — the file is cut back to its last complete
 * line, so no torn line is left — and reported as an {@link EnvironmentException} naming the
 * file; the writer stays usable, so the trainer can still try to record {@code run_failed}
 * ({@link #tryFail}).
 *
 * <p>Thread-safe: the trainer may append from several threads.
 */
public final class RunWriter implements AutoCloseable {
    private final Path dir;
    private final FileChannel events;
    private final RunLock lock;
    private final LongSupplier clock;
    private final Optional<CheckpointEvent> resumedFrom;
    /** Byte length of the complete lines written so far: where the next line starts. */
    private long end;
    /** {@code seq} of the next line. */
    private long nextSeq;
    private boolean closed;

    private RunWriter(Path dir, FileChannel events, RunLock lock, LongSupplier clock,
            Optional<CheckpointEvent> resumedFrom, long end, long nextSeq) {
        this.dir = dir;
        this.events = events;
        this.lock = lock;
        this.clock = clock;
        this.resumedFrom = resumedFrom;
        this.end = end;
        this.nextSeq = nextSeq;
    }

    /**
     * Starts a new run in {@code dir} (created if needed; it must be empty or new, so a run is never
     * mixed into another folder's files): writes {@code run.json}, creates {@code checkpoints/},
     * takes the lock and appends {@code run_started}.
     */
    public static RunWriter create(Path dir, RunSpec spec) {
        return create(dir, spec, System::currentTimeMillis);
    }

    /** As {@link #create(Path, RunSpec)} with a clock for the {@code t} stamps (tests). */
    public static RunWriter create(Path dir, RunSpec spec, LongSupplier clock) {
        requireNewOrEmpty(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw IoFaults.wrap(dir + ": cannot create the run folder", e);
        }
        RunLock lock = RunLock.acquire(dir);
        try {
            Files.createDirectories(dir.resolve(RunFiles.CHECKPOINTS));
            writeAtomically(dir.resolve(RunFiles.SPEC),
                    RunJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(spec.json()));
            FileChannel ch = FileChannel.open(dir.resolve(RunFiles.EVENTS), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            RunWriter w = new RunWriter(dir, ch, lock, clock, Optional.empty(), 0, 1);
            w.append(new RunStarted(0, spec.json()));
            w.sync();
            return w;
        } catch (IOException e) {
            lock.close();
            throw IoFaults.wrap(dir + ": cannot start the run", e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Reopens a killed or stopped run for appending. A torn last line (the trainer died mid-write)
     * is cut off; then a {@code resumed} event records the last checkpoint, and readers drop the
     * events of later steps written before it (see {@link Resumed}). With no checkpoint the run
     * resumes from step 0. {@link #resumedFrom()} tells the trainer which checkpoint to load.
     */
    public static RunWriter resume(Path dir) {
        return resume(dir, System::currentTimeMillis);
    }

    public static RunWriter resume(Path dir, LongSupplier clock) {
        RunDirectory run = RunDirectory.open(dir);
        RunLock lock = RunLock.acquire(dir);
        try {
            Path file = dir.resolve(RunFiles.EVENTS);
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            long complete = completeLinesLength(ch);
            ch.truncate(complete);
            ch.position(complete);
            ch.force(true);
            long nextSeq = EventLines.nextSeq(file);
            Optional<CheckpointEvent> last = run.lastCheckpoint();
            RunWriter w = new RunWriter(dir, ch, lock, clock, last, complete, nextSeq);
            w.append(new Resumed(0, last.map(CheckpointEvent::step).orElse(0), last.map(CheckpointEvent::path).orElse(null)));
            w.sync();
            return w;
        } catch (IOException e) {
            lock.close();
            throw IoFaults.wrap(dir + ": cannot reopen the run", e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Length of the file up to and including its last newline. */
    private static long completeLinesLength(FileChannel ch) throws IOException {
        long size = ch.size();
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        long end = size;
        while (end > 0) {
            long start = Math.max(0, end - buf.capacity());
            buf.clear().limit((int) (end - start));
            ch.read(buf, start);
            for (int i = (int) (end - start) - 1; i >= 0; i--) {
                if (buf.get(i) == '\n') {
                    return start + i + 1;
                }
            }
            end = start;
        }
        return 0;
    }

    /**
     * A new run goes into a folder that does not exist yet or is empty; anything else (a run, other
     * files) is a {@link BadInputException} naming the folder. Callers may check early with it.
     */
    public static void requireNewOrEmpty(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": is a file, not a folder; choose a new or empty folder for the run");
        }
        if (Files.exists(dir.resolve(RunFiles.SPEC)) || Files.exists(dir.resolve(RunFiles.EVENTS))) {
            throw new BadInputException(dir + ": already holds a run; resume it with train --resume or choose another folder");
        }
        try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
            java.util.List<String> names = entries.map(p -> p.getFileName().toString()).sorted().limit(4).toList();
            if (!names.isEmpty()) {
                throw new BadInputException(dir + ": is not empty and holds no run (" + String.join(", ", names)
                        + (names.size() == 4 ? ", ..." : "") + "); choose a new or empty folder for the run");
            }
        } catch (IOException e) {
            throw IoFaults.wrap(dir + ": cannot list the folder", e);
        }
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(bytes));
            ch.force(true);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public Path dir() {
        return dir;
    }

    /** The checkpoint this writer resumed from; empty for a new run or a resume from scratch. */
    public Optional<CheckpointEvent> resumedFrom() {
        return resumedFrom;
    }

    /** Where the trainer should save the model state of {@code step}. */
    public Path checkpointDir(int step) {
        return RunFiles.checkpointDir(dir, step);
    }

    public Path trainerLog() {
        return dir.resolve(RunFiles.TRAINER_LOG);
    }

    /**
     * Appends one event (stamping {@code t} if it is 0, numbering it with {@code seq}) and hands it
     * to the OS. A failed write is undone (the file is cut back to its last complete line) and
     * thrown as an {@link EnvironmentException} (disk full, I/O error) naming the file and event.
     */
    public synchronized void append(RunEvent event) {
        if (closed) {
            throw new IllegalStateException("run writer for " + dir + " is closed");
        }
        PausePoint.reach(event.type(), event.step());
        byte[] line;
        try {
            line = RunJson.MAPPER.writeValueAsBytes(EventLines.layout(RunJson.MAPPER.valueToTree(event), nextSeq,
                    event.t() == 0 ? clock.getAsLong() : event.t()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        ByteBuffer buf = ByteBuffer.allocate(line.length + 1).put(line).put((byte) '\n').flip();
        try {
            while (buf.hasRemaining()) {
                events.write(buf);
            }
        } catch (IOException e) {
            undoPartialWrite();
            throw IoFaults.wrap(dir.resolve(RunFiles.EVENTS) + ": cannot append the " + event.type() + " event", e);
        }
        end += buf.limit();
        nextSeq++;
    }

    /** Cuts off what a failed write left after the last complete line (a torn line must not stay). */
    private void undoPartialWrite() {
        try {
            if (events.size() > end) {
                events.truncate(end);
            }
        } catch (IOException ignored) {
            // nothing more can be done here; a resume cuts a torn last line off
        }
    }

    /**
     * Records a saved checkpoint (the model state must already be on disk under
     * {@code path}, relative to the run) and forces the log to disk, so the checkpoint event
     * survives a crash that follows.
     */
    public synchronized void checkpoint(int step, String path) {
        append(new CheckpointEvent(0, step, path));
        sync();
    }

    /** Appends {@code run_finished}, syncs and releases the run. */
    public synchronized void finish(String reason) {
        append(new RunFinished(0, reason));
        close();
    }

    /** Appends {@code run_failed}, syncs and releases the run. */
    public synchronized void fail(String error) {
        append(new RunFailed(0, error));
        close();
    }

    /**
     * Records {@code run_failed} if the disk still takes it, and releases the run either way (for a
     * trainer that is failing, perhaps because the disk is full). Returns whether it was recorded;
     * if not, the run reads as killed and {@code train --resume} continues it.
     */
    public synchronized boolean tryFail(String error) {
        boolean recorded = false;
        try {
            if (!closed) {
                append(new RunFailed(0, error));
                recorded = true;
            }
        } catch (RuntimeException e) {
            // the disk refused this too; the log still ends with a complete line
        }
        try {
            close();
        } catch (RuntimeException e) {
            recorded = false;
        }
        return recorded;
    }

    private void sync() {
        try {
            events.force(false);
        } catch (IOException e) {
            throw IoFaults.wrap(dir.resolve(RunFiles.EVENTS) + ": cannot sync to disk", e);
        }
    }

    /**
     * Syncs and releases the run without a final event: readers then report the run as
     * {@link RunStatus.State#KILLED} until it is resumed. Call {@link #finish} or {@link #fail}
     * for an orderly end.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            events.force(false);
        } catch (IOException e) {
            throw IoFaults.wrap(dir.resolve(RunFiles.EVENTS) + ": cannot sync to disk", e);
        } finally {
            try {
                events.close();
            } catch (IOException ignored) {
                // the data was synced or the failure is being reported
            }
            lock.close();
        }
    }
}
