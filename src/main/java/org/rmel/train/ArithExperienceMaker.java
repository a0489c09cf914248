package org.rmel.train;

import java.util.List;
import org.rmel.tasks.arith.ArithFormat;

/**
 * Meta-experiences of the built-in model, built structurally (the tiny model cannot write a
 * critique in words): the critique is y−'s line at the bifurcation step — the erroneous step —
 * and the heuristic is y+'s line there — the corrected step. Both are in the model's own task
 * language, so the heuristic can go straight into the prompt's hint slot for the replay.
 *
 * <p>When the bifurcation is on y+'s answer line the corrected step would be {@code Answer: <gold>}:
 * a replay that copies it verifies without learning anything, and internalising it teaches answer
 * copying. With {@code answer_step_experience = previous_step} (default) the heuristic is then
 * the step that led to the answer (y+'s line before it, shared with y−, or the question when the
 * answer is the first line): it points at the computation to redo without giving its result.
 * With {@code drop} the heuristic stays the answer line, and the leak rule drops the pair.
 */
public final class ArithExperienceMaker implements ExperienceMaker {
    private final boolean previousStep;

    /** The default reading: a heuristic on the answer line moves to the step that led to it. */
    public ArithExperienceMaker() {
        this(true);
    }

    public ArithExperienceMaker(boolean previousStep) {
        this.previousStep = previousStep;
    }

    @Override
    public List<MetaExperienceText> make(List<Pair> pairs, long seed) {
        return pairs.stream().map(this::make).toList();
    }

    MetaExperienceText make(Pair p) {
        String critique = line(p.negative(), p.bifurcationStep());
        String heuristic = line(p.positive(), p.bifurcationStep());
        if (previousStep && heuristic.startsWith(ArithFormat.ANSWER_TAG.trim())) {
            heuristic = p.bifurcationStep() == 0 ? p.problem().question() : line(p.positive(), p.bifurcationStep() - 1);
        }
        return new MetaExperienceText(critique, heuristic,
                ArithFormat.retroContext(p.problem().question(), p.positive(), p.negative()),
                ArithFormat.metaExperience(critique, heuristic));
    }

    private static String line(String text, int step) {
        String[] lines = text.split(ArithFormat.STEP_DELIMITER, -1);
        return step < lines.length ? lines[step] : "";
    }
}
