package org.rmel.figures.revisions;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.rmel.figures.data.AnnotatedRevision;
import org.rmel.figures.data.TruncationMark;
import org.rmel.run.MetaExperienceEvent;
import org.rmel.run.RevisionAttempt;
import org.rmel.run.RevisionEvent;
import org.rmel.run.Trajectory;

/**
 * One revision attempt with what is needed to show it: its revision event, the seed trajectory
 * (from the group event), the gold answer, the prompt's difficulty bucket and, for an accepted
 * attempt, the meta-experience built from the pair.
 *
 * @param seed the seed trajectory, or null when the run has no group event for it
 * @param bucket the prompt's all-negative frequency over its visits up to this revision, e.g. "2/3"
 *        (the difficulty the analysis package buckets the revision by)
 * @param meta the meta-experience of the accepted pair, or null
 */
public record RevisionRecord(
        RevisionEvent event,
        int attemptIndex,
        Trajectory seed,
        String gold,
        String bucket,
        MetaExperienceEvent meta) {

    public RevisionAttempt attempt() {
        return event.attempts().get(attemptIndex);
    }

    public int step() {
        return event.step();
    }

    public String promptId() {
        return event.promptId();
    }

    public double tau() {
        return attempt().tau();
    }

    public double lcpRatio() {
        return attempt().lcpRatio();
    }

    public boolean verified() {
        return attempt().verified();
    }

    public boolean accepted() {
        return attempt().accepted();
    }

    public String seedText() {
        return seed == null ? "" : seed.text();
    }

    /** A one-line label, e.g. "step 12 · q7 · attempt 2/4". */
    public String label() {
        return String.format(Locale.ROOT, "step %d · %s · attempt %d/%d", step(), promptId(), attemptIndex + 1,
                event.attempts().size());
    }

    /**
     * Lays the attempt out on the seed text. Token positions become character offsets through
     * {@link TokenChars}; the LCP region is measured on the texts themselves, so it is exact in
     * characters whatever the tokenizer.
     *
     * @param schedule the run's τ schedule (each distinct τ gets one truncation mark); the
     *        attempts' own τ values are used when the run does not record it
     */
    public AnnotatedRevision annotate(List<Double> schedule, String verdict) {
        String seedText = seedText();
        TokenChars map = new TokenChars(event.seedTokens(), seedText.length());
        RevisionAttempt a = attempt();
        int cut = map.toChar(a.cut());
        String revision = seedText.substring(0, cut) + a.continuation();
        int lcp = commonPrefix(seedText, revision);
        List<TruncationMark> marks = new ArrayList<>();
        LinkedHashSet<Double> taus = new LinkedHashSet<>(schedule.isEmpty() ? taus() : schedule);
        for (double tau : taus) {
            int tokenCut = (int) Math.floor(tau * event.seedTokens());
            marks.add(new TruncationMark(tau, map.toChar(tokenCut), outcome(tau)));
        }
        int bifurcation = meta == null ? -1 : map.toChar(meta.bifurcationToken());
        String seedAnswer = seed == null ? "" : seed.answer();
        return new AnnotatedRevision(label(), seedText, marks, a.tau(), cut, lcp, a.lcpRatio(), bifurcation,
                a.continuation(), gold, seedAnswer, a.answer(), a.verified(), a.accepted(), verdict);
    }

    private List<Double> taus() {
        return event.attempts().stream().map(RevisionAttempt::tau).toList();
    }

    /** Accepted if any attempt at this τ was, rejected if tried and none was, else not tried. */
    private TruncationMark.Outcome outcome(double tau) {
        boolean tried = false;
        for (RevisionAttempt x : event.attempts()) {
            if (x.tau() == tau) {
                tried = true;
                if (x.accepted()) {
                    return TruncationMark.Outcome.ACCEPTED;
                }
            }
        }
        return tried ? TruncationMark.Outcome.REJECTED : TruncationMark.Outcome.NOT_TRIED;
    }

    static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }
}
