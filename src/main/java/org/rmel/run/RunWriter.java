package org.rmel.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * Writes a run directory: {@code run.json} once (atomically), then {@code events.jsonl} one line
 * per event, never rewritten. Each event is handed to the OS as one write (so a reader sees whole
 * lines or a torn last line, never interleaved halves); the file is forced to disk at every
 * checkpoint and at the end, so a killed trainer leaves a run that {@link #resume} continues.
 *
 * <p>Thread-safe: the trainer may append from several threads.
 */
public final class RunWriter implements AutoCloseable {
    private final Path dir;
    private final FileChannel events;
    private final RunLock lock;
    private final LongSupplier clock;
    private final Optional<CheckpointEvent> resumedFrom;
    private boolean closed;

    private RunWriter(Path dir, FileChannel events, RunLock lock, LongSupplier clock,
            Optional<CheckpointEvent> resumedFrom) {
        this.dir = dir;
        this.events = events;
        this.lock = lock;
        this.clock = clock;
        this.resumedFrom = resumedFrom;
    }

    /**
     * Starts a new run in {@code dir} (created if needed; it must not hold a run already): writes
     * {@code run.json}, creates {@code checkpoints/}, takes the lock and appends {@code run_started}.
     */
    public static RunWriter create(Path dir, RunSpec spec) {
        return create(dir, spec, System::currentTimeMillis);
    }

    /** As {@link #create(Path, RunSpec)} with a clock for the {@code t} stamps (tests). */
    public static RunWriter create(Path dir, RunSpec spec, LongSupplier clock) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BadInputException(dir + ": cannot create the run folder (" + e.getMessage() + ")");
        }
        if (Files.exists(dir.resolve(RunFiles.SPEC)) || Files.exists(dir.resolve(RunFiles.EVENTS))) {
            throw new BadInputException(dir + ": already holds a run; resume it or choose another folder");
        }
        RunLock lock = RunLock.acquire(dir);
        try {
            Files.createDirectories(dir.resolve(RunFiles.CHECKPOINTS));
            writeAtomically(dir.resolve(RunFiles.SPEC),
                    RunJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(spec.json()));
            FileChannel ch = FileChannel.open(dir.resolve(RunFiles.EVENTS), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            RunWriter w = new RunWriter(dir, ch, lock, clock, Optional.empty());
            w.append(new RunStarted(0, spec.json()));
            w.sync();
            return w;
        } catch (IOException e) {
            lock.close();
            throw new BadInputException(dir + ": cannot start the run (" + e.getMessage() + ")");
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
            ch.truncate(completeLinesLength(ch));
            ch.position(ch.size());
            ch.force(true);
            Optional<CheckpointEvent> last = run.lastCheckpoint();
            RunWriter w = new RunWriter(dir, ch, lock, clock, last);
            w.append(new Resumed(0, last.map(CheckpointEvent::step).orElse(0), last.map(CheckpointEvent::path).orElse(null)));
            w.sync();
            return w;
        } catch (IOException e) {
            lock.close();
            throw new BadInputException(dir + ": cannot reopen the run (" + e.getMessage() + ")");
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

    /** Appends one event (stamping {@code t} if it is 0) and hands it to the OS. */
    public synchronized void append(RunEvent event) {
        if (closed) {
            throw new IllegalStateException("run writer for " + dir + " is closed");
        }
        try {
            ObjectNode node = RunJson.MAPPER.valueToTree(event);
            if (event.t() == 0) {
                node.put("t", clock.getAsLong());
            }
            byte[] line = RunJson.MAPPER.writeValueAsBytes(node);
            ByteBuffer buf = ByteBuffer.allocate(line.length + 1).put(line).put((byte) '\n').flip();
            while (buf.hasRemaining()) {
                events.write(buf);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event cannot be written as JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(dir.resolve(RunFiles.EVENTS) + ": write failed", e);
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

    private void sync() {
        try {
            events.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(dir.resolve(RunFiles.EVENTS) + ": sync failed", e);
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
            events.close();
        } catch (IOException e) {
            throw new UncheckedIOException(dir.resolve(RunFiles.EVENTS) + ": close failed", e);
        } finally {
            lock.close();
        }
    }
}
