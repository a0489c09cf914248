package org.rmel.train;

import java.util.ArrayList;
import java.util.List;
import org.rmel.model.Policy;
import org.rmel.model.Sample;
import org.rmel.model.SamplingParams;
import org.rmel.run.EvalEvent;
import org.rmel.run.ProblemResult;

/**
 * Pass@1 with greedy decoding and Avg@N (N = {@code eval_samples}, 8 in the paper) at
 * {@code eval_temperature} (0.6), per evaluation set, as the paper reports them.
 */
public final class Evaluator {
    private final TrainSettings settings;
    private final Policy policy;
    private final AnswerJudge judge;
    private final PromptFormat format;

    public Evaluator(TrainSettings settings, Policy policy, AnswerJudge judge, PromptFormat format) {
        this.settings = settings;
        this.policy = policy;
        this.judge = judge;
        this.format = format;
    }

    /** Evaluates one set at {@code step}; the event is returned, not written. */
    public EvalEvent evaluate(int step, String benchmark, List<TaskProblem> problems) {
        List<int[]> prompts = new ArrayList<>();
        for (TaskProblem p : problems) {
            prompts.add(policy.tokenizer().encode(format.prompt(p)));
        }
        int maxNew = settings.integer("max_new_tokens");
        int n = settings.integer("eval_samples");
        List<Sample> greedy = policy.sample(prompts, SamplingParams.greedy(maxNew));
        List<List<Sample>> sampled = policy.sampleGroups(prompts, n, SamplingParams.sampled(
                settings.doubleValue("eval_temperature"), 1.0, maxNew,
                Seeds.mix(settings.integer("seed"), step, Seeds.EVAL)));
        List<ProblemResult> per = new ArrayList<>();
        int greedyCorrect = 0;
        int samplesCorrect = 0;
        for (int i = 0; i < problems.size(); i++) {
            TaskProblem p = problems.get(i);
            boolean g = judge.judge(p.gold(), greedy.get(i).text()).correct();
            int c = 0;
            for (Sample s : sampled.get(i)) {
                c += judge.judge(p.gold(), s.text()).correct() ? 1 : 0;
            }
            greedyCorrect += g ? 1 : 0;
            samplesCorrect += c;
            per.add(new ProblemResult(p.id(), g, c));
        }
        double pass1 = problems.isEmpty() ? 0 : greedyCorrect / (double) problems.size();
        double avg = problems.isEmpty() ? 0 : samplesCorrect / (double) (problems.size() * n);
        return new EvalEvent(0, step, benchmark, problems.size(), n, pass1, avg, per);
    }
}
