package org.rmel.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rmel.method.BatchContinuer;
import org.rmel.method.ContinuationRequest;
import org.rmel.method.ContinuationResult;
import org.rmel.method.Group;
import org.rmel.method.RevisionMode;
import org.rmel.method.RevisionResult;
import org.rmel.method.RevisionSchedule;
import org.rmel.method.RevisionSearch;
import org.rmel.model.Policy;
import org.rmel.model.Sample;

/**
 * R-MEL's phase (the paper's Section 3.2, "Revision Procedure"): for every all-negative group,
 * the revision search — seed = the longest failed trajectory, truncation at ⌊τ·|y−|⌋ for τ in the
 * schedule, a revision by the current policy from the prefix (forced: continued; primed: shown in
 * the prompt and the whole response written again), accept the first that verifies and passes the
 * LCP filter of the run's {@code lcp_rule} — batched across groups, one policy call per round of
 * attempts. The adaptive condition first splits the attempt pool by difficulty bucket. An accepted
 * revision joins its group's GRPO advantages only with {@code revision_in_grpo}; MEL's pair is
 * built from it either way. Every search is written as a revision event.
 */
final class RevisePhase {
    private final AdaptiveBudget adaptive;

    /** A batched search's results with what it generated. */
    record Search(List<RevisionResult> results, long tokens, long truncated) {}

    RevisePhase(AdaptiveBudget adaptive) {
        this.adaptive = adaptive;
    }

    void run(StepContext c, List<LiveGroup> revisable, Map<LiveGroup, AdaptiveBudget.Bucket> buckets) {
        Search s = search(c, c.method, revisable, schedules(c, revisable, buckets), Seeds.REVISION);
        int rescued = 0;
        int attempts = 0;
        for (int i = 0; i < s.results().size(); i++) {
            RevisionResult r = s.results().get(i);
            LiveGroup g = revisable.get(i);
            attempts += r.continuationCalls();
            g.revision = r;
            c.writer.append(RevisionEvents.of(c.step, g.problem.id(), r, c.policy.tokenizer()));
            if (c.condition.adaptive()) {
                adaptive.record(buckets.get(g), r.continuationCalls(), r.rescued());
            }
            if (r.rescued()) {
                rescued++;
                if (c.method.revisionInGrpo()) {
                    // its old log-probs are recomputed by the update under the rollout prompt, like every response's
                    g.add(List.of(r.revisedTrajectory().orElseThrow()));
                }
            }
        }
        c.metrics.put("revision/groups", (double) s.results().size());
        c.metrics.put("revision/rescued", (double) rescued);
        c.metrics.put("revision/attempts", (double) attempts);
        c.metrics.put("tokens/revision", (double) s.tokens());
        c.metrics.put("truncated/revision", (double) s.truncated());
        c.clock.lap("revision");
    }

    /**
     * The batched revision search under the run's readings, without side effects on the groups
     * (MEL+Extra's token-matching probe uses it as it is).
     */
    static Search search(StepContext c, org.rmel.method.MethodSettings method, List<LiveGroup> revisable,
                         Map<Group, RevisionSchedule> schedules, int purpose) {
        RevisionSearch search = method.revisionSearch();
        RevisionSchedule fixed = method.revisionSchedule();
        long[] tokens = {0};
        long[] truncated = {0};
        BatchContinuer continuer = continuer(c, revisable, tokens, truncated, purpose);
        List<RevisionResult> results = search.searchAll(revisable.stream().map(g -> g.group).toList(),
                g -> schedules.getOrDefault(g, fixed), continuer);
        return new Search(results, tokens[0], truncated[0]);
    }

    /** The adaptive condition's per-group schedules (other conditions: none, the fixed one applies). */
    private Map<Group, RevisionSchedule> schedules(StepContext c, List<LiveGroup> revisable,
                                                   Map<LiveGroup, AdaptiveBudget.Bucket> buckets) {
        Map<Group, RevisionSchedule> schedules = new HashMap<>();
        if (!c.condition.adaptive()) {
            return schedules;
        }
        List<Double> taus = c.method.attemptTaus();
        int[] given = adaptive.allocate(revisable.stream().map(buckets::get).toList(), c.settings.integer("budget"),
                c.settings.integer("adaptive_cap"));
        for (int i = 0; i < revisable.size(); i++) {
            schedules.put(revisable.get(i).group, RevisionSchedule.of(taus, given[i]));
        }
        c.metrics.put("adaptive/budget_mean", Arrays.stream(given).average().orElse(0));
        for (AdaptiveBudget.Bucket b : AdaptiveBudget.Bucket.values()) {
            c.metrics.put("adaptive/p_" + b.key(), adaptive.successEstimate(b));
        }
        return schedules;
    }

    /**
     * The policy side of the search. Forced requests continue prompt + kept prefix in one batched
     * call; primed requests (and empty prefixes: fresh rollouts) sample a whole response to the
     * primed prompt in another. The verifier judges the revised text. Counts the generated tokens.
     */
    private static BatchContinuer continuer(StepContext c, List<LiveGroup> revisable, long[] tokens, long[] truncated,
                                            int purpose) {
        int[] round = {0};
        return requests -> {
            long seed = Seeds.mix(c.seed, c.step * 64L + round[0]++, purpose);
            List<Integer> forced = new ArrayList<>();
            List<Integer> whole = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                (requests.get(i).mode() == RevisionMode.FORCED && requests.get(i).cut() > 0 ? forced : whole).add(i);
            }
            Sample[] samples = new Sample[requests.size()];
            if (!forced.isEmpty()) {
                List<int[]> prompts = new ArrayList<>();
                List<int[]> prefixes = new ArrayList<>();
                for (int i : forced) {
                    prompts.add(revisable.get(requests.get(i).seedIndex()).promptIds);
                    prefixes.add(requests.get(i).prefix());
                }
                List<Sample> out = c.policy.continueFrom(prompts, prefixes, c.sampling(seed));
                for (int j = 0; j < forced.size(); j++) {
                    samples[forced.get(j)] = out.get(j);
                }
            }
            if (!whole.isEmpty()) {
                List<int[]> prompts = new ArrayList<>();
                for (int i : whole) {
                    ContinuationRequest r = requests.get(i);
                    LiveGroup g = revisable.get(r.seedIndex());
                    prompts.add(r.primed()
                            ? c.policy.tokenizer().encode(c.format.primedPrompt(g.problem, c.policy.tokenizer().decode(r.prefix())))
                            : g.promptIds);
                }
                List<Sample> out = c.policy.sample(prompts, c.sampling(Seeds.mix(seed, 1, purpose)));
                for (int j = 0; j < whole.size(); j++) {
                    samples[whole.get(j)] = out.get(j);
                }
            }
            List<ContinuationResult> results = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                ContinuationRequest r = requests.get(i);
                Sample s = samples[i];
                tokens[0] += s.tokenIds().length;
                boolean keepsPrefix = r.mode() == RevisionMode.FORCED;
                String revisedText = keepsPrefix ? c.policy.tokenizer().decode(Policy.concat(r.prefix(), s.tokenIds())) : s.text();
                AnswerJudge.Judgement j = c.judge.judge(r.seed().group().gold(), revisedText);
                truncated[0] += s.stopped() ? 0 : 1;
                results.add(new ContinuationResult(s.tokenIds(), s.text(), revisedText, j.answer(),
                        c.credited(j.correct(), s), s.logprobSum()));
            }
            return results;
        };
    }
}
