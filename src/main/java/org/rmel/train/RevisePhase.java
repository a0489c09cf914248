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
import org.rmel.method.RevisionResult;
import org.rmel.method.RevisionSchedule;
import org.rmel.method.RevisionSearch;
import org.rmel.model.Policy;
import org.rmel.model.Sample;

/**
 * R-MEL's phase (the paper's Section 3.2, "Revision Procedure"): for every all-negative group,
 * the revision search — seed = the longest failed trajectory, truncation at ⌊τ·|y−|⌋ for τ in the
 * schedule, a continuation from the prefix by the current policy, accept the first that verifies
 * and passes the LCP filter — batched across groups, one policy call per round of attempts.
 * The adaptive condition first splits the attempt pool by difficulty bucket. An accepted revision
 * joins its group; every search is written as a revision event.
 */
final class RevisePhase {
    private final AdaptiveBudget adaptive;

    RevisePhase(AdaptiveBudget adaptive) {
        this.adaptive = adaptive;
    }

    void run(StepContext c, List<LiveGroup> revisable, Map<LiveGroup, AdaptiveBudget.Bucket> buckets) {
        RevisionSearch search = new RevisionSearch(c.settings.doubleValue("tau_min"));
        Map<Group, RevisionSchedule> schedules = schedules(c, revisable, buckets);
        RevisionSchedule fixed = RevisionSchedule.of(c.settings.doubleList("tau_schedule"), c.settings.integer("budget"));
        long[] tokens = {0};
        long[] truncated = {0};
        BatchContinuer continuer = continuer(c, revisable, tokens, truncated);
        List<RevisionResult> results = search.searchAll(revisable.stream().map(g -> g.group).toList(),
                g -> schedules.getOrDefault(g, fixed), continuer);
        int rescued = 0;
        int attempts = 0;
        for (int i = 0; i < results.size(); i++) {
            RevisionResult r = results.get(i);
            LiveGroup g = revisable.get(i);
            attempts += r.continuationCalls();
            g.revision = r;
            c.writer.append(RevisionEvents.of(c.step, g.problem.id(), r, c.policy.tokenizer()));
            if (c.condition.adaptive()) {
                adaptive.record(buckets.get(g), r.continuationCalls(), r.rescued());
            }
            if (r.rescued()) {
                rescued++;
                g.add(List.of(r.revisedTrajectory().orElseThrow()));
            }
        }
        c.metrics.put("revision/groups", (double) results.size());
        c.metrics.put("revision/rescued", (double) rescued);
        c.metrics.put("revision/attempts", (double) attempts);
        c.metrics.put("tokens/revision", (double) tokens[0]);
        c.metrics.put("truncated/revision", (double) truncated[0]);
        c.clock.lap("revision");
    }

    /** The adaptive condition's per-group schedules (other conditions: none, the fixed one applies). */
    private Map<Group, RevisionSchedule> schedules(StepContext c, List<LiveGroup> revisable,
                                                   Map<LiveGroup, AdaptiveBudget.Bucket> buckets) {
        Map<Group, RevisionSchedule> schedules = new HashMap<>();
        if (!c.condition.adaptive()) {
            return schedules;
        }
        List<Double> taus = c.settings.doubleList("tau_schedule");
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
     * The policy side of the search: each round's attempts continue their prompt + kept prefix in
     * one batched call; the verifier judges prefix + continuation. Counts the generated tokens.
     */
    private static BatchContinuer continuer(StepContext c, List<LiveGroup> revisable, long[] tokens, long[] truncated) {
        int[] round = {0};
        return requests -> {
            List<int[]> prompts = new ArrayList<>();
            List<int[]> prefixes = new ArrayList<>();
            for (ContinuationRequest r : requests) {
                prompts.add(revisable.get(r.seedIndex()).promptIds);
                prefixes.add(r.prefix());
            }
            List<Sample> samples = c.policy.continueFrom(prompts, prefixes,
                    c.sampling(Seeds.mix(c.seed, c.step * 64L + round[0]++, Seeds.REVISION)));
            List<ContinuationResult> results = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                ContinuationRequest r = requests.get(i);
                Sample s = samples.get(i);
                tokens[0] += s.tokenIds().length;
                String revisedText = c.policy.tokenizer().decode(Policy.concat(r.prefix(), s.tokenIds()));
                AnswerJudge.Judgement j = c.judge.judge(r.seed().group().gold(), revisedText);
                truncated[0] += s.stopped() ? 0 : 1;
                results.add(new ContinuationResult(s.tokenIds(), s.text(), revisedText, j.answer(),
                        c.credited(j.correct(), s), s.logprobSum()));
            }
            return results;
        };
    }
}
