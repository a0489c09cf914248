package org.rmel.train;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.rmel.base.IoFaults;

/** Moving a completely written checkpoint folder into place, and removing partial ones. */
final class CheckpointFiles {
    private CheckpointFiles() {
    }

    /** Renames {@code partial} to {@code target}, replacing an existing {@code target} folder. */
    static void replace(Path partial, Path target) {
        try {
            delete(target);
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target);
            }
        } catch (IOException e) {
            throw IoFaults.wrap(target + ": cannot move the checkpoint into place", e);
        }
    }

    /** Deletes a folder and everything in it; nothing when it does not exist. */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw IoFaults.wrap(dir + ": cannot delete", e);
        }
    }

    static void deleteQuietly(Path dir) {
        try {
            delete(dir);
        } catch (RuntimeException ignored) {
            // best effort while another failure is being reported
        }
    }
}
