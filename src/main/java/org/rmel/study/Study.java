package org.rmel.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;
import org.rmel.base.BadInputException;
import org.rmel.run.RunFiles;

/**
 * A study folder: {@code study.json}, one ordinary run folder per (condition, seed) under
 * {@code runs/}, the executors' files ({@code logs/}, {@code slurm/}) and the report
 * ({@code report/}). Opening reads and checks {@code study.json}; the runs are read on demand.
 */
public final class Study {
    public static final String RUNS = "runs";
    public static final String LOGS = "logs";
    public static final String SLURM = "slurm";
    public static final String REPORT = "report";

    private final Path dir;
    private final StudySpec spec;

    private Study(Path dir, StudySpec spec) {
        this.dir = dir;
        this.spec = spec;
    }

    /** Opens a study folder; a missing folder, a run folder or a bad {@code study.json} is a {@link BadInputException}. */
    public static Study open(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(d)) {
            throw new BadInputException(dir + ": no such study folder");
        }
        if (!Files.exists(d.resolve(StudySpec.FILE)) && Files.exists(d.resolve(RunFiles.SPEC))) {
            throw new BadInputException(dir + ": a run folder, not a study folder (a study has " + StudySpec.FILE + ")");
        }
        return new Study(d, StudySpec.read(d.resolve(StudySpec.FILE)));
    }

    /**
     * Creates a study in {@code dir} (new or empty): checks the spec first, so a refused study
     * leaves nothing behind.
     */
    public static Study create(Path dir, StudySpec spec) {
        Path d = dir.toAbsolutePath().normalize();
        spec.validate(d.resolve(StudySpec.FILE).toString());
        if (Files.exists(d.resolve(StudySpec.FILE))) {
            throw new BadInputException(dir + ": already holds a study; run it with `study run " + dir + "`");
        }
        if (Files.exists(d) && !Files.isDirectory(d)) {
            throw new BadInputException(dir + ": is a file, not a folder");
        }
        if (Files.isDirectory(d)) {
            try (Stream<Path> children = Files.list(d)) {
                if (children.findAny().isPresent()) {
                    throw new BadInputException(dir + ": is not empty; a study needs a new or empty folder");
                }
            } catch (IOException e) {
                throw new BadInputException(dir + ": cannot be read (" + e.getMessage() + ")");
            }
        }
        StudySpec stamped = spec.created().isBlank()
                ? spec.withCreated(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()) : spec;
        try {
            Files.createDirectories(d.resolve(RUNS));
            stamped.write(d.resolve(StudySpec.FILE));
        } catch (IOException e) {
            throw org.rmel.base.IoFaults.wrap(dir + ": cannot create the study", e);
        }
        return new Study(d, stamped);
    }

    public Path dir() {
        return dir;
    }

    public StudySpec spec() {
        return spec;
    }

    /** A name for job names and titles: the folder's name. */
    public String name() {
        return dir.getFileName() == null ? "study" : dir.getFileName().toString();
    }

    public Path runDir(StudyCell cell) {
        return dir.resolve(RUNS).resolve(cell.name());
    }

    public Path logsDir() {
        return dir.resolve(LOGS);
    }

    /** Console output of the local executor's trainer for a cell. */
    public Path consoleLog(StudyCell cell) {
        return logsDir().resolve(cell.name() + ".log");
    }

    /** The exit code the local executor saw for a cell's last trainer, written when it ended. */
    public Path exitFile(StudyCell cell) {
        return logsDir().resolve(cell.name() + ".exit");
    }

    public Path slurmDir() {
        return dir.resolve(SLURM);
    }

    public Path reportDir() {
        return dir.resolve(REPORT);
    }

    /** Whether the cell's run has been created (its {@code run.json} exists). */
    public boolean started(StudyCell cell) {
        return Files.exists(runDir(cell).resolve(RunFiles.SPEC));
    }
}
