package org.rmel.train;

import java.util.ArrayList;
import java.util.List;
import org.rmel.method.Trajectory;
import org.rmel.model.Sample;
import org.rmel.run.GroupEvent;

/**
 * MEL+Extra's phase (the paper's compute-matched control, "MEL with additional rollouts for
 * all-negative groups"): B fresh rollouts for every all-negative group, in one batched call,
 * added to the group; writes one group event of origin {@code extra} per group.
 */
final class ExtraRolloutPhase {

    void run(StepContext c, List<LiveGroup> allNegative) {
        int b = c.settings.integer("budget");
        List<int[]> prompts = allNegative.stream().map(g -> g.promptIds).toList();
        List<List<Sample>> samples = c.policy.sampleGroups(prompts, b, c.sampling(Seeds.mix(c.seed, c.step, Seeds.EXTRA)));
        long tokens = 0;
        int rescued = 0;
        int truncated = 0;
        for (int i = 0; i < allNegative.size(); i++) {
            LiveGroup g = allNegative.get(i);
            List<Trajectory> extra = new ArrayList<>();
            for (int j = 0; j < b; j++) {
                Sample s = samples.get(i).get(j);
                extra.add(c.score("x" + j, g.problem, s));
                tokens += s.tokenIds().length;
                if (!s.stopped()) {
                    g.truncated.add("x" + j);
                    truncated++;
                }
            }
            g.add(extra);
            rescued += extra.stream().anyMatch(Trajectory::correct) ? 1 : 0;
            c.writer.append(VerifyPhase.groupEvent(c.step, g, extra, GroupEvent.EXTRA));
        }
        c.metrics.put("tokens/extra", (double) tokens);
        c.metrics.put("extra/groups", (double) allNegative.size());
        c.metrics.put("extra/rescued", (double) rescued);
        c.metrics.put("truncated/extra", (double) truncated);
        c.clock.lap("extra");
    }
}
