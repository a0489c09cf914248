package org.rmel.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rmel.method.ExtraMatch;
import org.rmel.method.ExtraTokenBudget;
import org.rmel.method.RevisionSearch;
import org.rmel.method.Trajectory;
import org.rmel.model.Sample;
import org.rmel.run.GroupEvent;

/**
 * MEL+Extra's phase (the paper's compute-matched control, "MEL with additional rollouts for
 * all-negative groups"): fresh rollouts for every all-negative group, in one batched call, added
 * to the group; writes one group event of origin {@code extra} per group.
 *
 * <p>How many: with {@code extra_match = calls}, B per group. With {@code extra_match = tokens}
 * (default), as many as match R-MEL's revision tokens: a probe runs the revision search of the
 * run's R-MEL settings on the step's all-negative groups (its results are discarded: no event, no
 * pair, nothing enters the groups; its tokens are reported as {@code tokens/match_probe}), and
 * {@link ExtraTokenBudget} turns the measured spend into a number of rollouts per group, carrying
 * the rounding deficit over steps.
 */
final class ExtraRolloutPhase {
    private final ExtraTokenBudget budget;

    ExtraRolloutPhase(ExtraTokenBudget budget) {
        this.budget = budget;
    }

    ExtraTokenBudget budget() {
        return budget;
    }

    void run(StepContext c, List<LiveGroup> allNegative) {
        int b = perGroup(c, allNegative);
        long tokens = 0;
        int rescued = 0;
        int truncated = 0;
        List<List<Sample>> samples = b == 0 ? List.of()
                : c.policy.sampleGroups(allNegative.stream().map(g -> g.promptIds).toList(), b,
                        c.sampling(Seeds.mix(c.seed, c.step, Seeds.EXTRA)));
        for (int i = 0; i < allNegative.size() && b > 0; i++) {
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
        if (c.method.extraMatch() == ExtraMatch.TOKENS) {
            budget.spend(tokens);
            c.metrics.put("extra/token_budget_total", (double) budget.budget());
            c.metrics.put("extra/tokens_total", (double) budget.spent());
        }
        c.metrics.put("tokens/extra", (double) tokens);
        c.metrics.put("extra/per_group", (double) b);
        c.metrics.put("extra/groups", (double) (b == 0 ? 0 : allNegative.size()));
        c.metrics.put("extra/rescued", (double) rescued);
        c.metrics.put("truncated/extra", (double) truncated);
        c.clock.lap("extra");
    }

    /** Extra rollouts per all-negative group this step: B, or the token-matched number. */
    private int perGroup(StepContext c, List<LiveGroup> allNegative) {
        if (c.method.extraMatch() == ExtraMatch.CALLS) {
            return c.settings.integer("budget");
        }
        List<LiveGroup> revisable = allNegative.stream().filter(g -> RevisionSearch.revisable(g.group)).toList();
        long probeTokens = revisable.isEmpty() ? 0
                : RevisePhase.search(c, c.method.matchedRevision(), revisable, Map.of(), Seeds.MATCH_PROBE).tokens();
        c.metrics.put("tokens/match_probe", (double) probeTokens);
        c.clock.lap("match_probe");
        double meanRollout = c.metric("response/length_mean");
        return budget.plan(probeTokens, allNegative.size(), meanRollout, 4 * c.settings.integer("budget"));
    }
}
