package org.rmel.train;

import java.util.ArrayList;
import java.util.List;
import org.rmel.model.Sample;

/**
 * Phase 1 of a step (the paper's "MEL samples K trajectories from the current policy"): the
 * step's prompts from the schedule, K samples each, in one batched call.
 */
final class RolloutPhase {
    /** One drawn prompt with its K samples, not yet verified. */
    record Drawn(TaskProblem problem, int[] promptIds, int visit, List<Sample> samples) {}

    private final List<TaskProblem> pool;
    private final PromptSchedule schedule;

    RolloutPhase(List<TaskProblem> pool, PromptSchedule schedule) {
        this.pool = pool;
        this.schedule = schedule;
    }

    List<Drawn> run(StepContext c) {
        List<PromptSchedule.Draw> draws = schedule.draws(c.step);
        List<int[]> prompts = new ArrayList<>();
        for (PromptSchedule.Draw d : draws) {
            prompts.add(c.policy.tokenizer().encode(c.format.prompt(pool.get(d.poolIndex()))));
        }
        List<List<Sample>> samples = c.policy.sampleGroups(prompts, c.settings.integer("k"),
                c.sampling(Seeds.mix(c.seed, c.step, Seeds.ROLLOUT)));
        List<Drawn> out = new ArrayList<>();
        for (int i = 0; i < draws.size(); i++) {
            out.add(new Drawn(pool.get(draws.get(i).poolIndex()), prompts.get(i), draws.get(i).visit(), samples.get(i)));
        }
        c.clock.lap("rollout");
        return out;
    }
}
