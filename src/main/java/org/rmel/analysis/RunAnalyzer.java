package org.rmel.analysis;

import org.rmel.run.EvalEvent;
import org.rmel.run.EventSink;
import org.rmel.run.GroupEvent;
import org.rmel.run.LoggedEvent;
import org.rmel.run.MetaExperienceEvent;
import org.rmel.run.ReadResult;
import org.rmel.run.RevisionEvent;
import org.rmel.run.RunDirectory;
import org.rmel.run.RunEvent;
import org.rmel.run.StepEvent;

/**
 * The analysis as an accumulator: fed one event at a time (from {@link RunDirectory#read} for a
 * finished run, or from a {@link org.rmel.run.RunFollower} for a live one) and asked for a
 * {@link RunAnalysis} snapshot whenever a view needs one. State is counts, fixed histograms and
 * per-step arrays — no event texts — so a long run stays small. Thread-safe: a follower thread
 * feeds it while the UI thread takes snapshots.
 */
public final class RunAnalyzer implements EventSink {
    private StepTally steps;
    private RevisionTally revisions;
    private DifficultyTally difficulty;
    private EvalTally evals;

    public RunAnalyzer() {
        reset();
    }

    /** Analyses a whole run in one pass; returns the analysis and what the reader reported. */
    public static Result analyze(RunDirectory run) {
        RunAnalyzer a = new RunAnalyzer();
        ReadResult read = run.read(a);
        return new Result(a.snapshot(), read);
    }

    /** An analysis and the reading it came from (warnings, status). */
    public record Result(RunAnalysis analysis, ReadResult read) {
    }

    @Override
    public void accept(LoggedEvent event) {
        accept(event.event());
    }

    public synchronized void accept(RunEvent e) {
        if (e instanceof GroupEvent g) {
            steps.add(g);
            difficulty.add(g);
        } else if (e instanceof RevisionEvent r) {
            steps.add(r);
            revisions.add(r);
            difficulty.add(r);
        } else if (e instanceof MetaExperienceEvent m) {
            steps.add(m);
        } else if (e instanceof StepEvent s) {
            steps.add(s);
        } else if (e instanceof EvalEvent ev) {
            evals.add(ev);
        }
    }

    @Override
    public synchronized void reset() {
        steps = new StepTally();
        revisions = new RevisionTally();
        difficulty = new DifficultyTally();
        evals = new EvalTally();
    }

    public synchronized RunAnalysis snapshot() {
        return new RunAnalysis(steps.lastStep(), steps.series(), steps.allNegative(), revisions.success(),
                revisions.byTau(), steps.pKeep(), steps.pKeepBySource(), steps.leaks(), revisions.lcp(),
                difficulty.buckets(), difficulty.revisionBySeedLogprobQuintile(),
                evals.points(), evals.bestStep(), steps.compute(), evals.events());
    }
}
