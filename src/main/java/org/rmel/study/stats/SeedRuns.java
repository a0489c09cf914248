package org.rmel.study.stats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rmel.analysis.BucketRate;
import org.rmel.analysis.CrossRunDifficulty;
import org.rmel.analysis.DifficultyBuckets;
import org.rmel.analysis.RunAnalysis;
import org.rmel.analysis.RunAnalyzer;
import org.rmel.run.EvalEvent;
import org.rmel.run.EventSink;
import org.rmel.run.LoggedEvent;
import org.rmel.run.ProblemResult;
import org.rmel.run.RevisionAttempt;
import org.rmel.run.RevisionEvent;
import org.rmel.run.RunDirectory;
import org.rmel.run.RunFiles;

/**
 * Reads the finished runs of a study into {@link SeedRun}s, one pass over each log, and keeps them:
 * a run whose log has not changed is not read again (the workbench asks every few seconds).
 */
public final class SeedRuns {
    private record Cached(long size, long modified, SeedRun run) {
    }

    private final Map<Path, Cached> cache = new HashMap<>();
    private record Difficulty(List<DifficultyBuckets> buckets, List<CrossRunDifficulty.Cohort> cohorts) {
    }

    private final Map<String, Difficulty> acrossCache = new HashMap<>();

    /** The conditions whose runs of a seed make the paper's difficulty cohort (its k of 3). */
    public static final List<String> PAPER_COHORT = List.of("mel", "mel-extra", "r-mel");

    /**
     * Adds the paper's across-runs difficulty to each run ({@link CrossRunDifficulty}: the MEL,
     * MEL+Extra and R-MEL runs of its seed, an ablation in R-MEL's place: k of 3); a run alone in
     * its cohort keeps the within-run figures. Runs read once per unchanged set of a seed's runs.
     */
    public synchronized List<SeedRun> withAcrossRuns(List<SeedRun> finished) {
        Map<Integer, List<SeedRun>> bySeed = new LinkedHashMap<>();
        finished.forEach(r -> bySeed.computeIfAbsent(r.seed(), s -> new ArrayList<>()).add(r));
        Map<SeedRun, SeedRun> withAcross = new java.util.IdentityHashMap<>();
        bySeed.forEach((seed, runs) -> {
            List<Path> dirs = runs.stream().map(SeedRun::dir).toList();
            StringBuilder key = new StringBuilder();
            for (Path d : dirs) {
                Cached c = cache.get(d);
                key.append(d).append('@').append(c == null ? -1 : c.size()).append('@').append(c == null ? -1 : c.modified()).append(';');
            }
            Difficulty d = acrossCache.computeIfAbsent(key.toString(), k -> {
                List<RunDirectory> opened = dirs.stream().map(RunDirectory::open).toList();
                return new Difficulty(CrossRunDifficulty.of(opened), CrossRunDifficulty.cohorts(opened));
            });
            for (int i = 0; i < runs.size(); i++) {
                SeedRun r = runs.get(i);
                int n = d.cohorts().get(i).size();
                DifficultyBuckets mine = d.buckets().get(i);
                withAcross.put(r, n < 2 ? r : r.withAcross(new SeedRun.Across(n, counts(mine.revisionBands()), counts(mine.extraBands()))));
            }
        });
        return finished.stream().map(withAcross::get).toList();
    }

    /** The run in {@code dir} as the statistics see it. */
    public synchronized SeedRun read(String condition, int seed, Path dir) {
        Path events = dir.resolve(RunFiles.EVENTS);
        long size = -1;
        long modified = -1;
        try {
            size = Files.size(events);
            modified = Files.getLastModifiedTime(events).toMillis();
        } catch (IOException e) {
            // read below reports it
        }
        Cached c = cache.get(dir);
        if (c != null && c.size() == size && c.modified() == modified) {
            return c.run();
        }
        SeedRun run = readNow(condition, seed, dir);
        cache.put(dir, new Cached(size, modified, run));
        return run;
    }

    static SeedRun readNow(String condition, int seed, Path dir) {
        RunAnalyzer analyzer = new RunAnalyzer();
        List<SeedRun.LcpPoint> lcp = new ArrayList<>();
        RunDirectory.open(dir).read(analyzer, new EventSink() {
            @Override
            public void accept(LoggedEvent e) {
                if (e.event() instanceof RevisionEvent r) {
                    for (RevisionAttempt a : r.attempts()) {
                        lcp.add(new SeedRun.LcpPoint(a.tau(), a.lcpRatio(), a.accepted(), a.verified()));
                    }
                }
            }

            @Override
            public void reset() {
                lcp.clear();
            }
        });
        RunAnalysis a = analyzer.snapshot();
        Map<String, SeedRun.ProblemScores> benchmarks = new LinkedHashMap<>();
        for (String b : a.evals().keySet()) {
            Optional<EvalEvent> e = a.evalForComparison(b);
            if (e.isEmpty()) {
                continue;
            }
            List<ProblemResult> per = e.get().perProblem();
            int samples = Math.max(1, e.get().samples());
            List<String> ids = new ArrayList<>();
            double[] pass = new double[per.size()];
            double[] avg = new double[per.size()];
            for (int i = 0; i < per.size(); i++) {
                ProblemResult p = per.get(i);
                ids.add(p.id());
                pass[i] = p.greedyCorrect() ? 1 : 0;
                avg[i] = Math.max(0, Math.min(p.samplesCorrect(), samples)) / (double) samples;
            }
            if (per.isEmpty()) { // a trainer that logged only the summary: one item per seed
                ids.add("(all)");
                pass = new double[] {e.get().passAt1()};
                avg = new double[] {e.get().avgAt8()};
            }
            benchmarks.put(b, new SeedRun.ProblemScores(List.copyOf(ids), pass, avg, samples));
        }
        return new SeedRun(condition, seed, dir, benchmarks, a.bestStep(), a.pKeep().successes(), a.pKeep().trials(),
                counts(a.revisionByDifficultyBand()), counts(a.extraRescueByDifficultyBand()),
                counts(a.revisionBySeedLogprob()), a.revisionSuccess().successes(), a.revisionSuccess().trials(),
                List.copyOf(lcp));
    }

    /** Bucket label (shortened: "Q2 [-1.2, -0.9]" → "Q2") → {successes, trials}. */
    private static Map<String, long[]> counts(List<BucketRate> rates) {
        Map<String, long[]> ordered = new LinkedHashMap<>();
        for (BucketRate b : rates) {
            String label = b.bucket();
            int bracket = label.indexOf(" [");
            if (bracket > 0) {
                label = label.substring(0, bracket);
            }
            ordered.put(label, new long[] {b.rate().successes(), b.rate().trials()});
        }
        return ordered;
    }
}
