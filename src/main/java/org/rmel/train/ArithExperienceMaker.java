package org.rmel.train;

import java.util.List;
import org.rmel.tasks.arith.ArithFormat;

/**
 * Meta-experiences of the built-in model, built structurally (the tiny model cannot write a
 * critique in words): the critique is y−'s line at the bifurcation step — the erroneous step —
 * and the heuristic is y+'s line there — the corrected step. Both are in the model's own task
 * language, so the heuristic can go straight into the prompt's hint slot for the replay.
 */
public final class ArithExperienceMaker implements ExperienceMaker {
    @Override
    public List<MetaExperienceText> make(List<Pair> pairs, long seed) {
        return pairs.stream().map(ArithExperienceMaker::make).toList();
    }

    static MetaExperienceText make(Pair p) {
        String critique = line(p.negative(), p.bifurcationStep());
        String heuristic = line(p.positive(), p.bifurcationStep());
        return new MetaExperienceText(critique, heuristic,
                ArithFormat.retroContext(p.problem().question(), p.positive(), p.negative()),
                ArithFormat.metaExperience(critique, heuristic));
    }

    private static String line(String text, int step) {
        String[] lines = text.split(ArithFormat.STEP_DELIMITER, -1);
        return step < lines.length ? lines[step] : "";
    }
}
