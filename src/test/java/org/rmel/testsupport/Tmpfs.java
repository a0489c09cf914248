package org.rmel.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted on a test's folder, so disk-full and read-only faults are the real
 * kernel's ({@code ENOSPC}, {@code EROFS}), not simulated. Needs root (or CAP_SYS_ADMIN); where
 * mounting is not allowed, {@link #mount} returns null and {@link #whyNot()} says why, so the
 * test can skip with the reason. Unmounted on {@link #close} (before JUnit deletes the folder).
 */
public final class Tmpfs implements AutoCloseable {
    private static volatile String whyNot;
    private final Path dir;

    private Tmpfs(Path dir) {
        this.dir = dir;
    }

    /**
     * Mounts a tmpfs with {@code options} (e.g. {@code size=2m}, {@code ro,size=1m}) on
     * {@code dir} (created); null when this machine does not allow it (see {@link #whyNot()}).
     */
    public static Tmpfs mount(Path dir, String options) {
        try {
            Files.createDirectories(dir);
            Process p = new ProcessBuilder(List.of("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString()))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                whyNot = "cannot mount a tmpfs here (mount -t tmpfs -o " + options + "): "
                        + (out.isEmpty() ? "exit " + p.exitValue() : out);
                return null;
            }
            return new Tmpfs(dir);
        } catch (IOException e) {
            whyNot = "cannot run mount: " + e.getMessage();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            whyNot = "interrupted";
            return null;
        }
    }

    /** Why the last {@link #mount} returned null. */
    public static String whyNot() {
        return whyNot;
    }

    public Path dir() {
        return dir;
    }

    /** Fills the file system with a file {@code name} until at most {@code leaveBytes} are free. */
    public Path fill(String name, long leaveBytes) throws IOException {
        Path filler = dir.resolve(name);
        long free = Files.getFileStore(dir).getUsableSpace();
        long want = Math.max(0, free - leaveBytes);
        byte[] chunk = new byte[64 * 1024];
        try (var out = Files.newOutputStream(filler)) {
            while (want > 0) {
                int n = (int) Math.min(chunk.length, want);
                out.write(chunk, 0, n);
                want -= n;
            }
        }
        return filler;
    }

    public long free() throws IOException {
        return Files.getFileStore(dir).getUsableSpace();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("umount", "-l", dir.toString())).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor(30, TimeUnit.SECONDS);
    }
}
