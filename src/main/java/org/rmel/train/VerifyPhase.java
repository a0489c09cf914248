package org.rmel.train;

import java.util.ArrayList;
import java.util.List;
import org.rmel.method.GroupOutcome;
import org.rmel.method.Trajectory;
import org.rmel.model.Sample;
import org.rmel.run.GroupEvent;

/**
 * Phase 2 (the paper's "partitions them using a verifier into correct and incorrect
 * trajectories"): each rollout gets reward 0/1 from the verifier, each prompt's K rollouts form a
 * group (mixed, all-positive or all-negative); writes the group events and the reward and
 * group-outcome metrics.
 */
final class VerifyPhase {

    List<LiveGroup> run(StepContext c, List<RolloutPhase.Drawn> drawn) {
        List<LiveGroup> groups = new ArrayList<>();
        long tokens = 0;
        double rewardSum = 0;
        int n = 0;
        int allNeg = 0;
        int allPos = 0;
        int truncated = 0;
        for (RolloutPhase.Drawn d : drawn) {
            List<Trajectory> trajectories = new ArrayList<>();
            List<String> cut = new ArrayList<>();
            for (int j = 0; j < d.samples().size(); j++) {
                Sample s = d.samples().get(j);
                trajectories.add(c.score("r" + j, d.problem(), s));
                tokens += s.tokenIds().length;
                if (!s.stopped()) {
                    cut.add("r" + j);
                }
            }
            truncated += cut.size();
            LiveGroup g = new LiveGroup(d.problem(), d.promptIds(), d.visit(), trajectories);
            g.truncated.addAll(cut);
            groups.add(g);
            for (Trajectory t : trajectories) {
                rewardSum += t.reward();
                n++;
            }
            allNeg += g.rollouts.outcome() == GroupOutcome.ALL_NEGATIVE ? 1 : 0;
            allPos += g.rollouts.outcome() == GroupOutcome.ALL_POSITIVE ? 1 : 0;
        }
        c.clock.lap("verify");
        for (LiveGroup g : groups) {
            c.writer.append(groupEvent(c.step, g, g.rollouts.trajectories(), GroupEvent.ROLLOUT));
        }
        c.metrics.put("reward/mean", rewardSum / n);
        c.metrics.put("groups/all_negative_frac", allNeg / (double) groups.size());
        c.metrics.put("groups/all_positive_frac", allPos / (double) groups.size());
        c.metrics.put("groups/mixed_frac", (groups.size() - allNeg - allPos) / (double) groups.size());
        c.metrics.put("tokens/rollout", (double) tokens);
        c.metrics.put("response/length_mean", tokens / (double) n);
        c.metrics.put("truncated/rollouts", (double) truncated);
        return groups;
    }

    /** The group event of some of a group's trajectories (its rollouts, or extra rollouts added later). */
    static GroupEvent groupEvent(int step, LiveGroup g, List<Trajectory> ts, String origin) {
        List<org.rmel.run.Trajectory> out = new ArrayList<>();
        for (Trajectory t : ts) {
            out.add(new org.rmel.run.Trajectory(t.id(), t.text(), t.length(), t.reward(), t.answer(), t.logprob(),
                    g.truncated.contains(t.id())));
        }
        return new GroupEvent(0, step, g.problem.id(), g.visit, g.problem.gold(), origin, out, g.problem.question());
    }
}
