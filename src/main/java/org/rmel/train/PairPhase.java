package org.rmel.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.rmel.method.ContrastivePair;
import org.rmel.method.MelPairing;
import org.rmel.method.StepSegmenter;

/**
 * MEL's pairing phase (the paper's Section 3.1, "MEL identifies a bifurcation point … and
 * extracts a meta-experience consisting of a critique and heuristic"; Section 3.2 step 4 for
 * rescued groups): the contrastive pairs of every mixed group and the one (y_rev+, y−) pair of
 * every rescued group, each with its bifurcation step, turned into meta-experiences by the
 * experience maker (the built-in model's rule, or the policy itself for an LLM).
 */
final class PairPhase {
    /** A pair, the group it came from and the meta-experience built from it. */
    record Experience(ContrastivePair pair, LiveGroup owner, MetaExperienceText text) {}

    private final ExperienceMaker maker;
    private final Set<Integer> stepDelimiters;

    PairPhase(ExperienceMaker maker, Set<Integer> stepDelimiters) {
        this.maker = maker;
        this.stepDelimiters = stepDelimiters;
    }

    List<Experience> run(StepContext c, List<LiveGroup> groups) {
        MelPairing pairing = new MelPairing(new StepSegmenter(stepDelimiters), c.settings.integer("mel_pairs_per_group"));
        List<ContrastivePair> pairs = new ArrayList<>();
        List<LiveGroup> owners = new ArrayList<>();
        for (LiveGroup g : groups) {
            List<ContrastivePair> ps = g.revision != null && g.revision.rescued()
                    ? pairing.revisionPair(g.revision).stream().toList()
                    : pairing.naturalPairs(g.group);
            for (ContrastivePair p : ps) {
                pairs.add(p);
                owners.add(g);
            }
        }
        List<ExperienceMaker.Pair> toMake = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            ContrastivePair p = pairs.get(i);
            toMake.add(new ExperienceMaker.Pair(owners.get(i).problem, p.positive().text(), p.negative().text(),
                    p.bifurcationStep()));
        }
        List<MetaExperienceText> texts = toMake.isEmpty() ? List.of()
                : maker.make(toMake, Seeds.mix(c.seed, c.step, Seeds.EXPERIENCE));
        List<Experience> out = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            out.add(new Experience(pairs.get(i), owners.get(i), texts.get(i)));
        }
        c.clock.lap("mel");
        return out;
    }
}
