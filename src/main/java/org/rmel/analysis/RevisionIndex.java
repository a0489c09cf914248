package org.rmel.analysis;

import java.util.ArrayList;
import java.util.List;
import org.rmel.run.EventSink;
import org.rmel.run.GroupEvent;
import org.rmel.run.LoggedEvent;
import org.rmel.run.RevisionAttempt;
import org.rmel.run.RevisionEvent;

/**
 * The rows of a revision table (the inspect view): one compact row per revision — no texts —
 * with its difficulty at the time and where its line sits, so the full event (seed cut points,
 * continuations) is re-read with {@link org.rmel.run.RunDirectory#readEvent(long, int)} only when
 * a row is opened. Thread-safe like {@link RunAnalyzer}: fed by a follower, read by the UI.
 */
public final class RevisionIndex implements EventSink {
    /**
     * One revision. {@code accepted} is the accepted attempt's index or -1, with its τ and LCP
     * ratio (NaN when none); {@code difficultyK}/{@code difficultyN} the prompt's all-negative
     * frequency at that moment.
     */
    public record Row(int step, String promptId, int seedTokens, int attempts, int accepted, double acceptedTau,
            double acceptedLcpRatio, long difficultyK, long difficultyN, long line, long offset, int length) {
        public boolean rescued() {
            return accepted >= 0;
        }
    }

    private PromptVisits visits = new PromptVisits();
    private List<Row> rows = new ArrayList<>();

    @Override
    public synchronized void accept(LoggedEvent logged) {
        if (logged.event() instanceof GroupEvent g) {
            visits.add(g);
        } else if (logged.event() instanceof RevisionEvent r) {
            long[] kn = visits.frequency(r.promptId());
            RevisionAttempt a = r.acceptedAttempt();
            rows.add(new Row(r.step(), r.promptId(), r.seedTokens(), r.attempts().size(),
                    r.accepted() == null ? -1 : r.accepted(), a == null ? Double.NaN : a.tau(),
                    a == null ? Double.NaN : a.lcpRatio(), kn[0], kn[1], logged.line(), logged.offset(),
                    logged.length()));
        }
    }

    @Override
    public synchronized void reset() {
        visits = new PromptVisits();
        rows = new ArrayList<>();
    }

    public synchronized int size() {
        return rows.size();
    }

    /** A copy of rows {@code from} (inclusive) to {@code to} (exclusive), for a virtualised table. */
    public synchronized List<Row> rows(int from, int to) {
        return List.copyOf(rows.subList(from, Math.min(to, rows.size())));
    }
}
