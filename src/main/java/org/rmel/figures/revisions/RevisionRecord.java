package org.rmel.figures.revisions;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.rmel.figures.data.AnnotatedRevision;
import org.rmel.figures.data.RevisionTokens;
import org.rmel.figures.data.TruncationMark;
import org.rmel.method.TruncationCut;
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
 * @param problem the problem text from the group event, or "" when the run did not record it
 * @param characterTokenizer the run used the built-in one-token-per-character tokenizer (run.json's
 *        model), so positions of a run without recorded offsets are still exact
 */
public record RevisionRecord(
        RevisionEvent event,
        int attemptIndex,
        Trajectory seed,
        String gold,
        String bucket,
        MetaExperienceEvent meta,
        String problem,
        boolean characterTokenizer) {

    public RevisionRecord {
        problem = problem == null ? "" : problem;
    }

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

    /** Where this revision's seed tokens fall in its text. */
    public SeedPositions positions() {
        return SeedPositions.of(event, seedText(), characterTokenizer);
    }

    /**
     * Lays the attempt out on the seed text. Every position counted in tokens (the cut, each τ of
     * the schedule, the LCP end, the bifurcation token) becomes a character offset through
     * {@link SeedPositions}: exact from the recorded token offsets (or one token per character for
     * an older built-in run), estimated only for an older run of another tokenizer, which the
     * result says. The revision's text is the kept prefix's characters followed by the logged
     * continuation.
     *
     * @param schedule the run's τ schedule (each distinct τ gets one truncation mark); the
     *        attempts' own τ values are used when the run does not record it
     */
    public AnnotatedRevision annotate(List<Double> schedule, String verdict) {
        String seedText = seedText();
        SeedPositions map = positions();
        RevisionAttempt a = attempt();
        // The seed's prefix the policy got: kept verbatim before the continuation (forced), or shown in
        // its prompt while it wrote the whole response that is the logged continuation (primed).
        int cut = Math.min(map.keptChars(a), seedText.length());
        int lcp = map.charAt(a.lcp());
        List<TruncationMark> marks = new ArrayList<>();
        LinkedHashSet<Double> taus = new LinkedHashSet<>(schedule.isEmpty() ? taus() : schedule);
        for (double tau : taus) {
            marks.add(new TruncationMark(tau, map.charAt(TruncationCut.at(tau, event.seedTokens())), outcome(tau)));
        }
        int bifurcation = meta == null ? -1 : map.charAt(meta.bifurcationToken());
        String seedAnswer = seed == null ? "" : seed.answer();
        RevisionTokens tokens = new RevisionTokens(event.seedTokens(), a.cut(), a.lcp(), a.tokens());
        return new AnnotatedRevision(label(), seedText, marks, a.tau(), cut, lcp, a.lcpRatio(), bifurcation,
                a.continuation(), gold, seedAnswer, a.answer(), a.verified(), a.accepted(), verdict, problem, tokens,
                map.exact(), map.source().description(), event.primed());
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
}
