package org.rmel.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rmel.base.BadInputException;

/**
 * {@code STUDY/slurm/jobs.json}: every job array the study submitted, with the cells each task
 * runs (array task id = cell index). A cell's current task is the one of the latest submission
 * that includes it; {@code study resume} adds a submission.
 */
public record SlurmJobs(List<Submission> submissions) {
    public static final String FILE = "jobs.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One {@code sbatch} call. */
    public record Submission(String jobId, List<Integer> cells, String submitted) {
    }

    public SlurmJobs {
        submissions = List.copyOf(submissions);
    }

    public static SlurmJobs read(Study study) {
        Path file = study.slurmDir().resolve(FILE);
        if (!Files.exists(file)) {
            return new SlurmJobs(List.of());
        }
        try {
            return JSON.readValue(file.toFile(), SlurmJobs.class);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    public SlurmJobs with(Submission s) {
        List<Submission> all = new ArrayList<>(submissions);
        all.add(s);
        return new SlurmJobs(all);
    }

    public void write(Study study) throws IOException {
        Files.createDirectories(study.slurmDir());
        Path file = study.slurmDir().resolve(FILE);
        Path temp = Files.createTempFile(study.slurmDir(), ".jobs", ".tmp");
        JSON.writeValue(temp.toFile(), this);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Cell index → the job id of its latest submission. */
    public Map<Integer, String> latest() {
        Map<Integer, String> out = new LinkedHashMap<>();
        for (Submission s : submissions) {
            s.cells().forEach(c -> out.put(c, s.jobId()));
        }
        return out;
    }

    public Optional<String> latest(int cell) {
        return Optional.ofNullable(latest().get(cell));
    }

    public List<String> jobIds() {
        return submissions.stream().map(Submission::jobId).distinct().toList();
    }
}
