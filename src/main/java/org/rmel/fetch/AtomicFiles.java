package org.rmel.fetch;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files appear whole or not at all: content goes to a hidden temp file in the target's own folder
 * (same file system, so the move can be atomic) and is moved over the target only when complete.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** A fresh hidden temp file next to {@code target}; the caller deletes it if it is not moved. */
    public static Path tempNextTo(Path target, String suffix) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        return Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName() + ".", suffix);
    }

    public static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        Path temp = tempNextTo(target, ".tmp");
        try {
            Files.write(temp, bytes);
            moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
