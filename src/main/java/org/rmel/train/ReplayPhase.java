package org.rmel.train;

import java.util.ArrayList;
import java.util.List;
import org.rmel.method.AnswerLeak;
import org.rmel.method.ContrastivePair;
import org.rmel.method.KeepTally;
import org.rmel.method.MetaExperience;
import org.rmel.method.PairSource;
import org.rmel.model.NllSample;
import org.rmel.model.Sample;
import org.rmel.run.MetaExperienceEvent;

/**
 * MEL's validation phase (the paper: "These meta-experiences are validated via replay"): one
 * batched replay of every problem with its meta-experience in the prompt; a meta-experience is
 * kept iff its replay verifies (the kept fraction is p_keep). A meta-experience whose critique or
 * heuristic states the gold answer ({@link AnswerLeak}) is a leak: it is not replayed (a replay
 * that copies the answer measures nothing) and not internalised, and p_keep leaves it out. Writes
 * the meta_experience events and returns the NLL samples of the kept ones with their groups — their
 * text given the retro context [x, y+, y−], what the update internalises.
 */
final class ReplayPhase {
    /** A kept meta-experience's NLL sample and the group it was built from (its update mini-batch). */
    record Kept(LiveGroup owner, NllSample sample) {}

    private final AnswerLeak leak;

    ReplayPhase() {
        this(new VerifierLeak());
    }

    ReplayPhase(AnswerLeak leak) {
        this.leak = leak;
    }

    List<Kept> run(StepContext c, List<PairPhase.Experience> experiences) {
        List<int[]> prompts = new ArrayList<>();
        boolean[] leaks = new boolean[experiences.size()];
        for (int i = 0; i < experiences.size(); i++) {
            PairPhase.Experience e = experiences.get(i);
            leaks[i] = leak.leaks(e.text().critique(), e.text().heuristic(), e.owner().problem.gold(),
                    e.owner().problem.question());
            if (!leaks[i]) {
                prompts.add(c.policy.tokenizer().encode(c.format.replayPrompt(e.owner().problem, e.text())));
            }
        }
        List<Sample> replays = prompts.isEmpty() ? List.of() : c.policy.sample(prompts, c.replaySampling());
        List<Kept> nll = new ArrayList<>();
        KeepTally tally = new KeepTally();
        long tokens = 0;
        int next = 0;
        for (int i = 0; i < experiences.size(); i++) {
            PairPhase.Experience e = experiences.get(i);
            ContrastivePair p = e.pair();
            MetaExperience me;
            if (leaks[i]) {
                me = MetaExperience.leaked(p, e.text().critique(), e.text().heuristic());
            } else {
                Sample replay = replays.get(next++);
                tokens += replay.tokenIds().length;
                AnswerJudge.Judgement j = c.judge.judge(e.owner().problem.gold(), replay.text());
                me = MetaExperience.of(p, e.text().critique(), e.text().heuristic(), j.answer(),
                        c.credited(j.correct(), replay));
            }
            tally.add(me);
            if (me.kept()) {
                nll.add(new Kept(e.owner(), new NllSample(c.policy.tokenizer().encode(e.text().retroContext()),
                        c.policy.tokenizer().encode(e.text().target()))));
            }
            c.writer.append(new MetaExperienceEvent(0, c.step, me.promptId(), me.source().wireName(), me.positiveId(),
                    me.negativeId(), me.bifurcationToken(), me.bifurcationStep(), me.critique(), me.heuristic(),
                    me.leak() ? null : me.replayAnswer(), me.kept(), me.leak()));
        }
        c.metrics.put("mel/pairs", (double) tally.validated());
        c.metrics.put("mel/kept", (double) tally.kept());
        c.metrics.put("mel/p_keep", tally.pKeep().orElse(Double.NaN));
        c.metrics.put("mel/pairs_revision", (double) tally.validated(PairSource.REVISION));
        c.metrics.put("mel/p_keep_natural", tally.pKeep(PairSource.NATURAL).orElse(Double.NaN));
        c.metrics.put("mel/p_keep_revision", tally.pKeep(PairSource.REVISION).orElse(Double.NaN));
        c.metrics.put("mel/leaks", (double) tally.leaks());
        c.metrics.put("mel/leaks_revision", (double) tally.leaks(PairSource.REVISION));
        c.metrics.put("tokens/replay", (double) tokens);
        c.clock.lap("mel");
        return nll;
    }
}
