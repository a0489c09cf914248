package org.rmel.launch;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.rmel.run.RunFiles;
import org.rmel.run.RunLock;

/**
 * The live trainer writing a run, found through the run's lock file ({@code RUN/.lock} holds
 * "pid host" while the writer holds an OS lock on it). Lets the workbench stop a run it did not
 * start — one launched from the command line, or by a workbench that has since been closed.
 */
public final class RunOwner {
    private RunOwner() {
    }

    /** The writer's process, when a live writer on this machine holds the run. */
    public static Optional<ProcessHandle> of(Path runDir) {
        if (RunLock.probe(runDir) != RunLock.Liveness.ALIVE) {
            return Optional.empty();
        }
        try {
            String[] parts = Files.readString(runDir.resolve(RunFiles.LOCK)).trim().split("\\s+");
            if (parts.length < 2 || !parts[1].equals(InetAddress.getLocalHost().getHostName())) {
                return Optional.empty(); // written on another machine (a shared folder): not ours to signal
            }
            long pid = Long.parseLong(parts[0]);
            if (pid == ProcessHandle.current().pid()) {
                return Optional.empty();
            }
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
