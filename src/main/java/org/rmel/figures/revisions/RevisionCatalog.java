package org.rmel.figures.revisions;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rmel.method.Condition;
import org.rmel.run.EventSink;
import org.rmel.run.GroupEvent;
import org.rmel.run.LoggedEvent;
import org.rmel.run.MetaExperienceEvent;
import org.rmel.run.ReadResult;
import org.rmel.run.RevisionEvent;
import org.rmel.run.RunDirectory;
import org.rmel.run.RunSpec;
import org.rmel.run.RunStatus;
import org.rmel.run.Trajectory;

/**
 * Every revision attempt and every meta-experience pair of one run, with the texts needed to show
 * them, read in one pass over the event log. Only the latest rollout group per prompt is held
 * while reading (a revision and its meta-experiences follow their group within the step), so
 * memory grows with the number of revisions, not with the log.
 *
 * @param schedule the run's τ schedule from run.json (empty when not recorded)
 * @param tauMin the run's prefix constraint, NaN when not recorded
 * @param condition the run's condition from run.json ("" when not recorded)
 * @param running whether a trainer was still writing the run when it was read
 */
public record RevisionCatalog(List<RevisionRecord> attempts, List<NaturalPair> pairs, List<Double> schedule, double tauMin,
                              String condition, boolean running) {

    public RevisionCatalog {
        attempts = List.copyOf(attempts);
        pairs = List.copyOf(pairs);
        schedule = List.copyOf(schedule);
        condition = condition == null ? "" : condition;
    }

    /** Whether the run's condition revises at all (the R-MEL family); unknown conditions are assumed to. */
    public boolean revises() {
        for (Condition c : Condition.values()) {
            if (c.cliName().equals(condition)) {
                return c.revises();
            }
        }
        return true;
    }

    /** The built-in character tokenizer's file in a model folder (model.CharTokenizer.FILE_NAME). */
    static final String CHAR_TOKENIZER_FILE = "rmel-char-tokenizer.json";

    public static RevisionCatalog read(Path runDir) {
        RunDirectory run = RunDirectory.open(runDir);
        Collector c = new Collector();
        ReadResult read = run.read(c);
        RunSpec spec = run.spec();
        return c.build(spec.tauSchedule(), spec.tauMin().orElse(Double.NaN), characterTokenizer(spec, runDir),
                spec.condition().orElse(""), read.status().state() == RunStatus.State.RUNNING);
    }

    /**
     * Whether the run's model used the built-in one-token-per-character tokenizer: run.json's
     * {@code model} is {@code builtin:…}, or a model folder (resolved against the run folder when
     * relative) that holds the built-in tokenizer's file.
     */
    static boolean characterTokenizer(RunSpec spec, Path runDir) {
        String model = spec.string("model").orElse("");
        if (model.startsWith("builtin:")) {
            return true;
        }
        if (model.isBlank()) {
            return false;
        }
        try {
            Path folder = runDir.resolve(model);
            return Files.isRegularFile(folder.resolve(CHAR_TOKENIZER_FILE));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** The all-negative frequency of a prompt over its rollout visits, e.g. "2/3". */
    static String bucket(int[] counts) {
        return counts == null ? "?" : counts[0] + "/" + counts[1];
    }

    private static final class Collector implements EventSink {
        private final Map<String, GroupEvent> lastGroup = new HashMap<>();
        /** prompt → {all-negative rollout groups, rollout groups}. */
        private final Map<String, int[]> difficulty = new HashMap<>();
        private final List<RevisionEvent> revisions = new ArrayList<>();
        private final Map<RevisionEvent, GroupEvent> seedGroups = new HashMap<>();
        /** The prompt's all-negative frequency when the revision ran (as the analysis buckets it). */
        private final Map<RevisionEvent, String> bucketAtRevision = new HashMap<>();
        private final Map<String, MetaExperienceEvent> revisionMetas = new HashMap<>();
        private final List<NaturalPair> pairs = new ArrayList<>();

        @Override
        public void accept(LoggedEvent logged) {
            if (logged.event() instanceof GroupEvent g && !g.fromExtraRollouts()) {
                lastGroup.put(g.promptId(), g);
                int[] d = difficulty.computeIfAbsent(g.promptId(), k -> new int[2]);
                d[0] += g.allNegative() ? 1 : 0;
                d[1]++;
            } else if (logged.event() instanceof RevisionEvent r) {
                revisions.add(r);
                bucketAtRevision.put(r, bucket(difficulty.get(r.promptId())));
                GroupEvent g = lastGroup.get(r.promptId());
                if (g != null) {
                    seedGroups.put(r, g);
                }
            } else if (logged.event() instanceof MetaExperienceEvent m) {
                GroupEvent g = lastGroup.get(m.promptId());
                if (MetaExperienceEvent.REVISION.equals(m.source())) {
                    revisionMetas.put(key(m.step(), m.promptId()), m);
                    // The positive of a revision pair is the revision itself, not a group member.
                    pairs.add(new NaturalPair(m, null, find(g, m.negativeId()), problem(g)));
                } else {
                    pairs.add(new NaturalPair(m, find(g, m.positiveId()), find(g, m.negativeId()), problem(g)));
                }
            }
        }

        @Override
        public void reset() {
            lastGroup.clear();
            difficulty.clear();
            revisions.clear();
            seedGroups.clear();
            bucketAtRevision.clear();
            revisionMetas.clear();
            pairs.clear();
        }

        RevisionCatalog build(List<Double> schedule, double tauMin, boolean characterTokenizer, String condition,
                              boolean running) {
            List<RevisionRecord> out = new ArrayList<>();
            for (RevisionEvent r : revisions) {
                GroupEvent g = seedGroups.get(r);
                Trajectory seed = find(g, r.seedId());
                String gold = g == null ? "" : g.gold();
                String problem = g == null ? "" : g.prompt();
                String bucket = bucketAtRevision.get(r);
                MetaExperienceEvent meta = revisionMetas.get(key(r.step(), r.promptId()));
                for (int i = 0; i < r.attempts().size(); i++) {
                    boolean isAccepted = r.accepted() != null && r.accepted() == i;
                    out.add(new RevisionRecord(r, i, seed, gold, bucket, isAccepted ? meta : null, problem,
                            characterTokenizer));
                }
            }
            return new RevisionCatalog(out, pairs, schedule, tauMin, condition, running);
        }

        private static String key(int step, String prompt) {
            return step + "\u0000" + prompt;
        }

        private static String problem(GroupEvent g) {
            return g == null ? "" : g.prompt();
        }

        private static Trajectory find(GroupEvent g, String id) {
            if (g == null || id == null) {
                return null;
            }
            return g.trajectories().stream().filter(t -> id.equals(t.id())).findFirst().orElse(null);
        }
    }
}
