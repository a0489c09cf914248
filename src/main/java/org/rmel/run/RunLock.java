package org.rmel.run;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rmel.base.BadInputException;

/**
 * {@code RUN/.lock}: says whether a writer is still alive. The writer holds an exclusive OS file
 * lock on it for its whole life and writes {@code pid host} into it; the OS drops the lock when
 * the process dies, however it dies, so a stale file left by a killed trainer reads as "gone".
 *
 * <p>Writers of this JVM are tracked in a set and never probed through a second channel: on
 * Linux closing any channel of a file drops every lock the process holds on it. Within one JVM,
 * probes and a writer's locking take turns ({@link #TURNS}): the JVM refuses a second lock on a
 * file it already locks ({@link OverlappingFileLockException}), so two threads probing a stale
 * lock at once (the workbench's follower, its library refresh and its whole-log check) made one
 * of them read a dead trainer as alive.
 */
public final class RunLock implements AutoCloseable {
    /** What a probe found out about the run's writer. */
    public enum Liveness {
        /** A live process holds the lock. */
        ALIVE,
        /** No lock file, or a stale one: nobody is writing. */
        GONE
    }

    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();
    /** Held while this JVM tries a lock on a run's lock file; probes are microseconds. */
    private static final Object TURNS = new Object();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock or throws {@link BadInputException} naming the live writer. Used by the run
     * writer, and by a study's local driver on the study folder (one driver per study).
     */
    public static RunLock acquire(Path runDir) {
        Path file = key(runDir.resolve(RunFiles.LOCK));
        if (!HELD_HERE.add(file)) {
            throw new BadInputException(runDir + ": already being written by this process");
        }
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            FileLock lock = tryLockRetrying(ch);
            if (lock == null) {
                String owner = readOwner(file);
                ch.close();
                HELD_HERE.remove(file);
                throw new BadInputException(runDir + ": already being written by another trainer (" + owner + ")");
            }
            ch.truncate(0);
            String owner = ProcessHandle.current().pid() + " " + hostName() + "\n";
            ch.write(ByteBuffer.wrap(owner.getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(true);
            return new RunLock(file, ch, lock);
        } catch (IOException e) {
            HELD_HERE.remove(file);
            throw new BadInputException(file + ": cannot create the run lock (" + e.getMessage() + ")");
        }
    }

    /** A reader probing at the same instant holds the lock for microseconds; wait it out. */
    private static FileLock tryLockRetrying(FileChannel ch) throws IOException {
        for (int i = 0; i < 20; i++) {
            FileLock l;
            synchronized (TURNS) {
                l = ch.tryLock();
            }
            if (l != null) {
                return l;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** Whether a live writer holds {@code runDir}. Never throws; unreadable means gone. */
    public static Liveness probe(Path runDir) {
        Path file = key(runDir.resolve(RunFiles.LOCK));
        if (HELD_HERE.contains(file)) {
            return Liveness.ALIVE;
        }
        if (!Files.exists(file)) {
            return Liveness.GONE;
        }
        synchronized (TURNS) {
            if (HELD_HERE.contains(file)) { // a writer of this JVM took it meanwhile: never open a second channel
                return Liveness.ALIVE;
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                FileLock l = ch.tryLock();
                if (l == null) {
                    return Liveness.ALIVE;
                }
                l.release();
                return Liveness.GONE;
            } catch (OverlappingFileLockException e) {
                return Liveness.ALIVE; // not reached while every lock of this JVM takes its turn
            } catch (NoSuchFileException e) {
                return Liveness.GONE; // the writer finished and removed it since the check above
            } catch (IOException e) {
                // A read-only copy of a run: fall back to the pid written in the file.
                return pidAlive(file) ? Liveness.ALIVE : Liveness.GONE;
            }
        }
    }

    private static boolean pidAlive(Path file) {
        String[] parts = readOwner(file).trim().split("\\s+");
        if (parts.length < 2 || !parts[1].equals(hostName())) {
            return false;
        }
        try {
            return ProcessHandle.of(Long.parseLong(parts[0])).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String readOwner(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String hostName() {
        return HostName.VALUE;
    }

    /** Looked up once: a name lookup can take seconds on a machine without DNS. */
    private static final class HostName {
        static final String VALUE = lookup();

        private static String lookup() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return "localhost";
            }
        }
    }

    private static Path key(Path p) {
        return p.toAbsolutePath().normalize();
    }

    /** Releases the lock and removes the file: the run is no longer being written. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
            lock.release();
            channel.close();
        } catch (IOException e) {
            // The OS releases the lock with the process anyway; nothing useful to report.
        } finally {
            HELD_HERE.remove(file);
        }
    }
}
