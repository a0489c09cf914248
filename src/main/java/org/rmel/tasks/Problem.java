package org.rmel.tasks;

import java.util.Objects;

/**
 * One problem for training or evaluation, from a data file or a generator.
 *
 * @param id       stable identifier (the record's own id, else {@code <file stem>-<line>})
 * @param text     the problem statement alone, without any answer-format instruction (the
 *                 instruction comes from the {@link PromptTemplate} setting)
 * @param answer   the gold answer, as given to {@code Verifier.verify(gold, prediction)}
 * @param solution a reference solution, or null when the source has none
 * @param source   the file the problem was read from, or the generator's name
 * @param line     1-based line in {@code source}, or 0 for a generated problem
 */
public record Problem(String id, String text, String answer, String solution, String source, int line) {
    public Problem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(source, "source");
    }

    /** A problem made by a generator (for example the synthetic arithmetic suite). */
    public static Problem generated(String id, String text, String answer, String solution, String generator) {
        return new Problem(id, text, answer, solution, generator, 0);
    }

    public boolean hasSolution() {
        return solution != null && !solution.isBlank();
    }

    /** "file:line" for messages, or the generator name. */
    public String where() {
        return line > 0 ? source + ":" + line : source;
    }
}
