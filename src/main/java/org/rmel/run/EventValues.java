package org.rmel.run;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The value rules of the run contract, beyond what parsing checks: counts are not negative,
 * fractions lie in [0, 1], enumerations hold a known value. A line that breaks one is reported and
 * skipped like a malformed line, so an impossible value never reaches a statistic. Unknown fields
 * are not checked (newer writers add optional ones); a newer writer that adds an enumeration value
 * adds it here.
 */
final class EventValues {
    static final Set<String> ORIGINS = Set.of(GroupEvent.ROLLOUT, GroupEvent.EXTRA);
    static final Set<String> SOURCES = Set.of(MetaExperienceEvent.NATURAL, MetaExperienceEvent.REVISION);
    static final Set<String> FINISH_REASONS = Set.of(RunFinished.COMPLETED, RunFinished.STOPPED, RunFinished.INTERRUPTED);
    /** Rounding slack for ratios computed in floating point. */
    private static final double EPS = 1e-9;

    private EventValues() {
    }

    /** The first broken rule of {@code e}, as "field: what is wrong", or null when it keeps them all. */
    static String problem(RunEvent e) {
        if (e.step() < RunEvent.NO_STEP || (e.step() == RunEvent.NO_STEP && hasStep(e))) {
            return "step " + e.step() + " is negative";
        }
        if (e instanceof GroupEvent g) {
            return group(g);
        }
        if (e instanceof RevisionEvent r) {
            return revision(r);
        }
        if (e instanceof MetaExperienceEvent m) {
            return oneOf("source", m.source(), SOURCES);
        }
        if (e instanceof StepEvent s) {
            return step(s);
        }
        if (e instanceof EvalEvent v) {
            return eval(v);
        }
        if (e instanceof CheckpointEvent c) {
            return c.path().isBlank() ? "path is empty" : null;
        }
        if (e instanceof RunFinished f) {
            return oneOf("reason", f.reason(), FINISH_REASONS);
        }
        if (e instanceof Resumed r) {
            return r.fromStep() < 0 ? "from_step " + r.fromStep() + " is negative" : null;
        }
        return null;
    }

    private static boolean hasStep(RunEvent e) {
        return e instanceof GroupEvent || e instanceof RevisionEvent || e instanceof MetaExperienceEvent
                || e instanceof StepEvent || e instanceof EvalEvent || e instanceof CheckpointEvent;
    }

    private static String group(GroupEvent g) {
        String p = oneOf("origin", g.origin(), ORIGINS);
        if (p != null) {
            return p;
        }
        if (g.visit() < 0) {
            return "visit " + g.visit() + " is negative";
        }
        List<Trajectory> ts = g.trajectories();
        for (int i = 0; i < ts.size(); i++) {
            Trajectory t = ts.get(i);
            if (t.tokens() < 0) {
                return "trajectories[" + i + "].tokens " + t.tokens() + " is negative";
            }
            if (!Double.isFinite(t.reward())) {
                return "trajectories[" + i + "].reward " + t.reward() + " is not a number";
            }
        }
        return null;
    }

    private static String revision(RevisionEvent r) {
        if (r.seedTokens() < 0) {
            return "seed_tokens " + r.seedTokens() + " is negative";
        }
        List<RevisionAttempt> as = r.attempts();
        for (int i = 0; i < as.size(); i++) {
            RevisionAttempt a = as.get(i);
            String at = "attempts[" + i + "].";
            if (!fraction(a.tau())) {
                return at + "tau " + a.tau() + " is outside [0, 1]";
            }
            if (a.cut() < 0 || a.tokens() < 0 || a.lcp() < 0) {
                return at + (a.cut() < 0 ? "cut " + a.cut() : a.tokens() < 0 ? "tokens " + a.tokens() : "lcp " + a.lcp())
                        + " is negative";
            }
            if (!fraction(a.lcpRatio())) {
                return at + "lcp_ratio " + a.lcpRatio() + " is outside [0, 1]";
            }
        }
        return null;
    }

    private static String step(StepEvent s) {
        for (Map.Entry<String, Double> m : s.metrics().entrySet()) {
            if (m.getKey().isBlank()) {
                return "metrics: a metric without a name";
            }
        }
        return null;
    }

    private static String eval(EvalEvent v) {
        if (v.n() < 0) {
            return "n " + v.n() + " is negative";
        }
        if (!fraction(v.passAt1()) && !Double.isNaN(v.passAt1())) {
            return "pass_at_1 " + v.passAt1() + " is outside [0, 1]";
        }
        if (!fraction(v.avgAt8()) && !Double.isNaN(v.avgAt8())) {
            return "avg_at_8 " + v.avgAt8() + " is outside [0, 1]";
        }
        for (int i = 0; i < v.perProblem().size(); i++) {
            int c = v.perProblem().get(i).samplesCorrect();
            if (c < 0 || c > v.samples()) {
                return "per_problem[" + i + "].samples_correct " + c + " is outside [0, samples = " + v.samples() + "]";
            }
        }
        return null;
    }

    private static boolean fraction(double x) {
        return x >= -EPS && x <= 1 + EPS;
    }

    private static String oneOf(String field, String value, Set<String> allowed) {
        return allowed.contains(value) ? null
                : field + " '" + value + "' is not one of " + String.join(", ", allowed.stream().sorted().toList());
    }
}
