package org.rmel.datasets;

import java.net.URI;
import java.util.List;
import org.rmel.tasks.Benchmark;

/**
 * Where one benchmark's standard file lives on the Hugging Face Hub and how its records map onto
 * the {@code {"problem", "answer"}} layout the task loaders read.
 *
 * @param benchmark     the benchmark as the task registry knows it (display name, file name, size)
 * @param repo          public dataset repository on the hub, {@code owner/name}
 * @param file          path of the file inside the repository (JSON Lines)
 * @param problemFields record fields tried in order for the problem text
 * @param answerFields  record fields tried in order for the gold answer (a list is joined with ", ";
 *                      a value holding {@code \boxed{...}} gives the content of its last box)
 */
public record DatasetSource(
        Benchmark benchmark,
        String repo,
        String file,
        List<String> problemFields,
        List<String> answerFields) {

    public DatasetSource {
        problemFields = List.copyOf(problemFields);
        answerFields = List.copyOf(answerFields);
    }

    /** The short name used on the command line: the file name without {@code .jsonl}, e.g. {@code math500}. */
    public String name() {
        return benchmark.fileName().replaceFirst("\\.jsonl$", "");
    }

    /** The benchmark's usual name, e.g. {@code MATH-500}. */
    public String title() {
        return benchmark.name();
    }

    /** How many problems the standard file has; a different count is reported, not refused. */
    public int expectedProblems() {
        return benchmark.size();
    }

    /** The file name in the user's data folder, the one the task loaders look up. */
    public String localFileName() {
        return benchmark.fileName();
    }

    /** The hub's download URL for a public dataset file: {@code HUB/datasets/REPO/resolve/main/FILE}. */
    public URI url(URI hub) {
        String base = hub.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/datasets/" + repo + "/resolve/main/" + file);
    }
}
