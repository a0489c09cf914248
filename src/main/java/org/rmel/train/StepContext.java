package org.rmel.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rmel.method.Condition;
import org.rmel.method.MethodSettings;
import org.rmel.method.Trajectory;
import org.rmel.model.Policy;
import org.rmel.model.Sample;
import org.rmel.model.SamplingParams;
import org.rmel.run.RunWriter;

/**
 * What every phase of one training step shares: the step number, the run's settings and
 * condition, the policy, the verifier, the prompt format, the run writer, and the step's metrics
 * and phase clock, which the phases fill in as they go.
 */
final class StepContext {
    final int step;
    final long seed;
    final TrainSettings settings;
    final Condition condition;
    /** The method's settings with every reading (LCP rule, revision mode, GRPO membership, ...). */
    final MethodSettings method;
    final Policy policy;
    final AnswerJudge judge;
    final PromptFormat format;
    final RunWriter writer;
    final Map<String, Double> metrics = new LinkedHashMap<>();
    final PhaseClock clock = new PhaseClock();

    StepContext(int step, TrainSettings settings, Condition condition, Policy policy, AnswerJudge judge,
                PromptFormat format, RunWriter writer) {
        this.step = step;
        this.seed = settings.integer("seed");
        this.settings = settings;
        this.condition = condition;
        this.method = settings.method();
        this.policy = policy;
        this.judge = judge;
        this.format = format;
        this.writer = writer;
    }

    /**
     * A sampled response scored by the verifier: reward 1 iff its answer equals the gold one and,
     * under {@code truncated_reward = zero}, it ended with a stop token rather than being cut by
     * {@code max_new_tokens}.
     */
    Trajectory score(String id, TaskProblem problem, Sample s) {
        AnswerJudge.Judgement j = judge.judge(problem.gold(), s.text());
        return new Trajectory(id, s.tokenIds(), s.text(), credited(j.correct(), s) ? 1.0 : 0.0, j.answer(),
                s.logprobSum());
    }

    /** Whether a verified-correct response earns its reward: always, unless cut under the zero rule. */
    boolean credited(boolean correct, Sample s) {
        return correct && (s.stopped() || !"zero".equals(settings.string("truncated_reward")));
    }

    /** The sampling parameters of rollouts, extra rollouts and revisions, seeded for one purpose. */
    SamplingParams sampling(long purposeSeed) {
        return SamplingParams.sampled(settings.doubleValue("temperature"), settings.doubleValue("top_p"),
                settings.integer("max_new_tokens"), purposeSeed);
    }

    /** The sampling parameters of MEL's validation replay (greedy at replay temperature 0). */
    SamplingParams replaySampling() {
        double t = settings.doubleValue("replay_temperature");
        return t == 0 ? SamplingParams.greedy(settings.integer("max_new_tokens"))
                : SamplingParams.sampled(t, 1.0, settings.integer("max_new_tokens"), Seeds.mix(seed, step, Seeds.REPLAY));
    }

    double metric(String key) {
        return metrics.getOrDefault(key, 0.0);
    }
}
