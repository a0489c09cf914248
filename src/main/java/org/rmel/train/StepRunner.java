package org.rmel.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rmel.method.BatchContinuer;
import org.rmel.method.Condition;
import org.rmel.method.ContinuationRequest;
import org.rmel.method.ContinuationResult;
import org.rmel.method.DifficultyTracker;
import org.rmel.method.GroupOutcome;
import org.rmel.method.GrpoAdvantages;
import org.rmel.method.ContrastivePair;
import org.rmel.method.KeepTally;
import org.rmel.method.MelPairing;
import org.rmel.method.MetaExperience;
import org.rmel.method.PairSource;
import org.rmel.method.StepSegmenter;
import org.rmel.method.RevisionResult;
import org.rmel.method.RevisionSchedule;
import org.rmel.method.RevisionSearch;
import org.rmel.method.Trajectory;
import org.rmel.model.NllSample;
import org.rmel.model.Policy;
import org.rmel.model.PolicyGradientSample;
import org.rmel.model.Sample;
import org.rmel.model.SamplingParams;
import org.rmel.model.TrainStepParams;
import org.rmel.model.TrainStepResult;
import org.rmel.run.GroupEvent;
import org.rmel.run.MetaExperienceEvent;
import org.rmel.run.RevisionEvent;
import org.rmel.run.RunWriter;
import org.rmel.run.StepEvent;

/**
 * One training step: prompts → K rollouts → verifier → groups → GRPO advantages → by condition
 * nothing / B extra rollouts / (adaptive) revision search → MEL on mixed and rescued groups
 * (pairs, bifurcation, meta-experience, replay validation) → clipped policy loss + NLL → AdamW.
 * Writes the step's group, revision, meta_experience and step events.
 */
final class StepRunner {
    private final TrainSettings settings;
    private final Condition condition;
    private final Policy policy;
    private final AnswerJudge judge;
    private final PromptFormat format;
    private final ExperienceMaker maker;
    private final List<TaskProblem> pool;
    private final PromptSchedule schedule;
    private final DifficultyTracker tracker;
    private final AdaptiveBudget adaptive;
    private final RunWriter writer;
    private final Set<Integer> stepDelimiters;

    StepRunner(TrainSettings settings, Policy policy, AnswerJudge judge, PromptFormat format, ExperienceMaker maker,
               List<TaskProblem> pool, DifficultyTracker tracker, AdaptiveBudget adaptive, RunWriter writer) {
        this.settings = settings;
        this.condition = Condition.fromCliName(settings.string("condition"));
        this.policy = policy;
        this.judge = judge;
        this.format = format;
        this.maker = maker;
        this.pool = pool;
        this.schedule = new PromptSchedule(pool.size(), settings.integer("prompts_per_step"), settings.integer("seed"));
        this.tracker = tracker;
        this.adaptive = adaptive;
        this.writer = writer;
        this.stepDelimiters = policy.tokenizer().stepDelimiterIds();
    }

    /** Runs step {@code step} (1-based) and returns its metrics (also written as the step event). */
    Map<String, Double> run(int step) {
        Map<String, Double> m = new LinkedHashMap<>();
        PhaseClock clock = new PhaseClock();
        long seed = settings.integer("seed");

        List<LiveGroup> groups = rollouts(step, seed, m, clock);
        List<LiveGroup> allNegative = groups.stream()
                .filter(g -> g.rollouts.outcome() == GroupOutcome.ALL_NEGATIVE).toList();
        Map<LiveGroup, AdaptiveBudget.Bucket> buckets = new HashMap<>();
        for (LiveGroup g : groups) {
            buckets.put(g, AdaptiveBudget.Bucket.of(tracker.get(g.problem.id())));
            tracker.record(g.rollouts);
        }

        m.put("revision/groups", 0.0);
        m.put("revision/rescued", 0.0);
        m.put("revision/attempts", 0.0);
        m.put("tokens/revision", 0.0);
        m.put("tokens/extra", 0.0);
        if (condition.spendsExtraRollouts() && !allNegative.isEmpty()) {
            extraRollouts(step, seed, allNegative, m, clock);
        }
        if (condition.revises()) {
            List<LiveGroup> revisable = allNegative.stream().filter(g -> RevisionSearch.revisable(g.group)).toList();
            if (!revisable.isEmpty()) {
                revise(step, seed, revisable, buckets, m, clock);
            }
        }
        m.put("revision/success_rate", m.get("revision/groups") > 0
                ? m.get("revision/rescued") / m.get("revision/groups") : Double.NaN);

        List<PolicyGradientSample> pg = policyGradientSamples(groups);
        List<NllSample> nll = mel(step, seed, groups, m, clock);
        update(pg, nll, m, clock);

        m.putAll(clock.metrics());
        m.put("device/memory_mb", memoryMb());
        writer.append(new StepEvent(0, step, m));
        return m;
    }

    private List<LiveGroup> rollouts(int step, long seed, Map<String, Double> m, PhaseClock clock) {
        List<PromptSchedule.Draw> draws = schedule.draws(step);
        List<int[]> prompts = new ArrayList<>();
        for (PromptSchedule.Draw d : draws) {
            prompts.add(policy.tokenizer().encode(format.prompt(pool.get(d.poolIndex()))));
        }
        int k = settings.integer("k");
        List<List<Sample>> samples = policy.sampleGroups(prompts, k, sampling(Seeds.mix(seed, step, Seeds.ROLLOUT)));
        clock.lap("rollout");

        List<LiveGroup> groups = new ArrayList<>();
        long tokens = 0;
        double rewardSum = 0;
        int n = 0;
        int allNeg = 0;
        int allPos = 0;
        for (int i = 0; i < draws.size(); i++) {
            TaskProblem problem = pool.get(draws.get(i).poolIndex());
            List<Trajectory> trajectories = new ArrayList<>();
            List<float[]> logprobs = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                Sample s = samples.get(i).get(j);
                trajectories.add(trajectory("r" + j, problem, s));
                logprobs.add(s.tokenLogprobs());
                tokens += s.tokenIds().length;
            }
            LiveGroup g = new LiveGroup(problem, prompts.get(i), draws.get(i).visit(), trajectories, logprobs);
            groups.add(g);
            for (Trajectory t : trajectories) {
                rewardSum += t.reward();
                n++;
            }
            allNeg += g.rollouts.outcome() == GroupOutcome.ALL_NEGATIVE ? 1 : 0;
            allPos += g.rollouts.outcome() == GroupOutcome.ALL_POSITIVE ? 1 : 0;
        }
        clock.lap("verify");
        for (LiveGroup g : groups) {
            writer.append(groupEvent(step, g, g.rollouts.trajectories(), GroupEvent.ROLLOUT));
        }
        m.put("reward/mean", rewardSum / n);
        m.put("groups/all_negative_frac", allNeg / (double) groups.size());
        m.put("groups/all_positive_frac", allPos / (double) groups.size());
        m.put("groups/mixed_frac", (groups.size() - allNeg - allPos) / (double) groups.size());
        m.put("tokens/rollout", (double) tokens);
        m.put("response/length_mean", tokens / (double) n);
        return groups;
    }

    /** MEL+Extra: B fresh rollouts per all-negative group, in one batched call. */
    private void extraRollouts(int step, long seed, List<LiveGroup> allNegative, Map<String, Double> m, PhaseClock clock) {
        int b = settings.integer("budget");
        List<int[]> prompts = allNegative.stream().map(g -> g.promptIds).toList();
        List<List<Sample>> samples = policy.sampleGroups(prompts, b, sampling(Seeds.mix(seed, step, Seeds.EXTRA)));
        long tokens = 0;
        int rescued = 0;
        for (int i = 0; i < allNegative.size(); i++) {
            LiveGroup g = allNegative.get(i);
            List<Trajectory> extra = new ArrayList<>();
            List<float[]> logprobs = new ArrayList<>();
            for (int j = 0; j < b; j++) {
                Sample s = samples.get(i).get(j);
                extra.add(trajectory("x" + j, g.problem, s));
                logprobs.add(s.tokenLogprobs());
                tokens += s.tokenIds().length;
            }
            g.add(extra, logprobs);
            rescued += extra.stream().anyMatch(Trajectory::correct) ? 1 : 0;
            writer.append(groupEvent(step, g, extra, GroupEvent.EXTRA));
        }
        m.put("tokens/extra", (double) tokens);
        m.put("extra/groups", (double) allNegative.size());
        m.put("extra/rescued", (double) rescued);
        clock.lap("extra");
    }

    /** R-MEL: the batched revision search over the all-negative groups. */
    private void revise(int step, long seed, List<LiveGroup> revisable, Map<LiveGroup, AdaptiveBudget.Bucket> buckets,
                        Map<String, Double> m, PhaseClock clock) {
        RevisionSearch search = new RevisionSearch(settings.doubleValue("tau_min"));
        List<Double> taus = settings.doubleList("tau_schedule");
        int budget = settings.integer("budget");
        Map<org.rmel.method.Group, RevisionSchedule> schedules = new HashMap<>();
        if (condition.adaptive()) {
            List<AdaptiveBudget.Bucket> bs = revisable.stream().map(buckets::get).toList();
            int[] given = adaptive.allocate(bs, budget, settings.integer("adaptive_cap"));
            for (int i = 0; i < revisable.size(); i++) {
                schedules.put(revisable.get(i).group, RevisionSchedule.of(taus, given[i]));
            }
            m.put("adaptive/budget_mean", java.util.Arrays.stream(given).average().orElse(0));
            for (AdaptiveBudget.Bucket b : AdaptiveBudget.Bucket.values()) {
                m.put("adaptive/p_" + b.key(), adaptive.successEstimate(b));
            }
        }
        RevisionSchedule fixed = RevisionSchedule.of(taus, budget);
        List<org.rmel.method.Group> seeds = revisable.stream().map(g -> g.group).toList();
        Map<String, float[]> continuationLogprobs = new HashMap<>();
        long[] tokens = {0};
        int[] round = {0};
        BatchContinuer continuer = requests -> {
            List<int[]> prompts = new ArrayList<>();
            List<int[]> prefixes = new ArrayList<>();
            for (ContinuationRequest r : requests) {
                prompts.add(revisable.get(r.seedIndex()).promptIds);
                prefixes.add(r.prefix());
            }
            List<Sample> samples = policy.continueFrom(prompts, prefixes,
                    sampling(Seeds.mix(seed, step * 64L + round[0]++, Seeds.REVISION)));
            List<ContinuationResult> results = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                ContinuationRequest r = requests.get(i);
                Sample s = samples.get(i);
                tokens[0] += s.tokenIds().length;
                continuationLogprobs.put(r.seedIndex() + "/" + r.attempt(), s.tokenLogprobs());
                String revisedText = policy.tokenizer().decode(Policy.concat(r.prefix(), s.tokenIds()));
                AnswerJudge.Judgement j = judge.judge(r.seed().group().gold(), revisedText);
                results.add(new ContinuationResult(s.tokenIds(), s.text(), revisedText, j.answer(), j.correct(), s.logprobSum()));
            }
            return results;
        };
        List<RevisionResult> results = search.searchAll(seeds,
                g -> schedules.getOrDefault(g, fixed), continuer);
        int rescued = 0;
        int attempts = 0;
        for (int i = 0; i < results.size(); i++) {
            RevisionResult r = results.get(i);
            LiveGroup g = revisable.get(i);
            attempts += r.continuationCalls();
            g.revision = r;
            writer.append(revisionEvent(step, g, r));
            if (condition.adaptive()) {
                adaptive.record(buckets.get(g), r.continuationCalls(), r.rescued());
            }
            if (r.rescued()) {
                rescued++;
                Trajectory revised = r.revisedTrajectory().orElseThrow();
                int idx = r.acceptedIndex().getAsInt();
                int cut = r.attempts().get(idx).cut();
                float[] prefixLp = java.util.Arrays.copyOf(g.oldLogprobs(r.seed().seed().id()), cut);
                float[] contLp = continuationLogprobs.get(i + "/" + idx);
                float[] all = new float[prefixLp.length + contLp.length];
                System.arraycopy(prefixLp, 0, all, 0, prefixLp.length);
                System.arraycopy(contLp, 0, all, prefixLp.length, contLp.length);
                g.add(List.of(revised), List.of(all));
            }
        }
        m.put("revision/groups", (double) results.size());
        m.put("revision/rescued", (double) rescued);
        m.put("revision/attempts", (double) attempts);
        m.put("tokens/revision", (double) tokens[0]);
        clock.lap("revision");
    }

    /** GRPO: advantages per group; trajectories with a zero advantage add nothing and are skipped. */
    private List<PolicyGradientSample> policyGradientSamples(List<LiveGroup> groups) {
        List<PolicyGradientSample> out = new ArrayList<>();
        for (LiveGroup g : groups) {
            double[] adv = GrpoAdvantages.of(g.group);
            List<Trajectory> ts = g.group.trajectories();
            for (int i = 0; i < ts.size(); i++) {
                if (adv[i] != 0 && ts.get(i).length() > 0) {
                    out.add(new PolicyGradientSample(g.promptIds, ts.get(i).tokens(), g.oldLogprobs(ts.get(i).id()), adv[i]));
                }
            }
        }
        return out;
    }

    /**
     * MEL on mixed and rescued groups: pairs (the method core's rule: a rescued group gives the one
     * pair (y_rev+, y−), a mixed group pairs each negative with its closest positive), experiences,
     * one batched replay with the experience in the prompt, keep iff the replay verifies. Returns
     * the NLL samples of the kept meta-experiences: their text given [x, y+, y−].
     */
    private List<NllSample> mel(int step, long seed, List<LiveGroup> groups, Map<String, Double> m, PhaseClock clock) {
        MelPairing pairing = new MelPairing(new StepSegmenter(stepDelimiters), settings.integer("mel_pairs_per_group"));
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
        List<MetaExperienceText> experiences = toMake.isEmpty() ? List.of()
                : maker.make(toMake, Seeds.mix(seed, step, Seeds.EXPERIENCE));
        List<int[]> replayPrompts = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            replayPrompts.add(policy.tokenizer().encode(format.replayPrompt(owners.get(i).problem, experiences.get(i))));
        }
        List<Sample> replays = replayPrompts.isEmpty() ? List.of() : policy.sample(replayPrompts, replaySampling(step, seed));
        List<NllSample> nll = new ArrayList<>();
        KeepTally tally = new KeepTally();
        long tokens = 0;
        for (int i = 0; i < pairs.size(); i++) {
            ContrastivePair p = pairs.get(i);
            LiveGroup g = owners.get(i);
            MetaExperienceText e = experiences.get(i);
            Sample replay = replays.get(i);
            tokens += replay.tokenIds().length;
            AnswerJudge.Judgement j = judge.judge(g.problem.gold(), replay.text());
            MetaExperience me = MetaExperience.of(p, e.critique(), e.heuristic(), j.answer(), j.correct());
            tally.add(me);
            if (me.kept()) {
                nll.add(new NllSample(policy.tokenizer().encode(e.retroContext()), policy.tokenizer().encode(e.target())));
            }
            writer.append(new MetaExperienceEvent(0, step, me.promptId(), me.source().wireName(), me.positiveId(),
                    me.negativeId(), me.bifurcationToken(), me.bifurcationStep(), me.critique(), me.heuristic(),
                    me.replayAnswer(), me.kept()));
        }
        m.put("mel/pairs", (double) tally.validated());
        m.put("mel/kept", (double) tally.kept());
        m.put("mel/p_keep", tally.pKeep().orElse(Double.NaN));
        m.put("mel/pairs_revision", (double) tally.validated(PairSource.REVISION));
        m.put("mel/p_keep_natural", tally.pKeep(PairSource.NATURAL).orElse(Double.NaN));
        m.put("mel/p_keep_revision", tally.pKeep(PairSource.REVISION).orElse(Double.NaN));
        m.put("tokens/replay", (double) tokens);
        clock.lap("mel");
        return nll;
    }

    private void update(List<PolicyGradientSample> pg, List<NllSample> nll, Map<String, Double> m, PhaseClock clock) {
        m.put("update/pg_samples", (double) pg.size());
        m.put("update/nll_samples", (double) nll.size());
        if (pg.isEmpty() && nll.isEmpty()) {
            m.put("loss/grpo", Double.NaN);
            m.put("loss/nll", Double.NaN);
            m.put("loss/total", Double.NaN);
            m.put("update/skipped", 1.0);
        } else {
            TrainStepParams params = new TrainStepParams(settings.doubleValue("lr"), settings.doubleValue("weight_decay"),
                    0.9, 0.999, 1.0, settings.doubleValue("clip_eps"), settings.doubleValue("nll_weight"), 16384);
            TrainStepResult r = policy.trainStep(pg, nll, params);
            m.put("loss/grpo", r.pgLoss());
            m.put("loss/nll", nll.isEmpty() ? Double.NaN : r.nllLoss());
            m.put("loss/total", r.loss());
            m.put("update/grad_norm", r.gradNorm());
            m.put("update/clip_frac", r.clipFraction());
            m.put("update/skipped", 0.0);
        }
        m.put("lr", settings.doubleValue("lr"));
        double generated = m.get("tokens/rollout") + m.get("tokens/revision") + m.get("tokens/extra")
                + m.getOrDefault("tokens/replay", 0.0);
        m.put("tokens/generated", generated);
        clock.lap("update");
    }

    private Trajectory trajectory(String id, TaskProblem problem, Sample s) {
        AnswerJudge.Judgement j = judge.judge(problem.gold(), s.text());
        return new Trajectory(id, s.tokenIds(), s.text(), j.correct() ? 1.0 : 0.0, j.answer(), s.logprobSum());
    }

    private SamplingParams sampling(long seed) {
        return SamplingParams.sampled(settings.doubleValue("temperature"), settings.doubleValue("top_p"),
                settings.integer("max_new_tokens"), seed);
    }

    private SamplingParams replaySampling(int step, long seed) {
        double t = settings.doubleValue("replay_temperature");
        return t == 0 ? SamplingParams.greedy(settings.integer("max_new_tokens"))
                : SamplingParams.sampled(t, 1.0, settings.integer("max_new_tokens"), Seeds.mix(seed, step, Seeds.REPLAY));
    }

    private double memoryMb() {
        long used = policy.deviceInfo().memoryUsedBytes();
        return used < 0 ? Double.NaN : used / (1024.0 * 1024.0);
    }

    private static GroupEvent groupEvent(int step, LiveGroup g, List<Trajectory> ts, String origin) {
        List<org.rmel.run.Trajectory> out = new ArrayList<>();
        for (Trajectory t : ts) {
            out.add(new org.rmel.run.Trajectory(t.id(), t.text(), t.length(), t.reward(), t.answer(), t.logprob()));
        }
        return new GroupEvent(0, step, g.problem.id(), g.visit, g.problem.gold(), origin, out);
    }

    private static RevisionEvent revisionEvent(int step, LiveGroup g, RevisionResult r) {
        List<org.rmel.run.RevisionAttempt> attempts = new ArrayList<>();
        for (org.rmel.method.RevisionAttempt a : r.attempts()) {
            attempts.add(new org.rmel.run.RevisionAttempt(a.tau(), a.cut(), a.continuationText(),
                    a.continuationTokens().length, a.answer(), a.verified(), a.lcp(), a.lcpRatio(), a.accepted()));
        }
        Trajectory seed = r.seed().seed();
        return new RevisionEvent(0, step, g.problem.id(), seed.id(), seed.length(), seed.logprob(), attempts,
                r.acceptedIndex().isPresent() ? r.acceptedIndex().getAsInt() : null);
    }
}
