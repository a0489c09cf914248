package org.rmel.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rmel.run.RevisionAttempt;
import org.rmel.run.RevisionEvent;

/** Revision success overall and per τ, and the LCP-ratio distributions. */
final class RevisionTally {
    private long revisions;
    private long rescued;
    private final TreeMap<Double, long[]> byTau = new TreeMap<>();
    private final long[] attemptsLcp = new long[Histogram.BINS];
    private final TreeMap<Double, long[]> attemptsLcpByTau = new TreeMap<>();
    private final long[] acceptedLcp = new long[Histogram.BINS];
    private final TreeMap<Double, long[]> acceptedLcpByTau = new TreeMap<>();
    private long acceptedBelowHalf;
    private long verified;
    private long rejected;

    void add(RevisionEvent r) {
        revisions++;
        if (r.succeeded()) {
            rescued++;
        }
        for (RevisionAttempt a : r.attempts()) {
            long[] c = byTau.computeIfAbsent(a.tau(), k -> new long[3]);
            c[0]++;
            c[1] += a.accepted() ? 1 : 0;
            c[2] += a.verified() ? 1 : 0;
            verified += a.verified() ? 1 : 0;
            rejected += a.verified() && !a.accepted() ? 1 : 0;
            attemptsLcp[Histogram.bin(a.lcpRatio())]++;
            attemptsLcpByTau.computeIfAbsent(a.tau(), k -> new long[Histogram.BINS])[Histogram.bin(a.lcpRatio())]++;
        }
        RevisionAttempt acc = r.acceptedAttempt();
        if (acc != null) {
            int bin = Histogram.bin(acc.lcpRatio());
            acceptedLcp[bin]++;
            acceptedLcpByTau.computeIfAbsent(acc.tau(), k -> new long[Histogram.BINS])[bin]++;
            if (acc.lcpRatio() < 0.5) {
                acceptedBelowHalf++;
            }
        }
    }

    Rate success() {
        return Rate.of(rescued, revisions);
    }

    List<TauRate> byTau() {
        List<TauRate> out = new ArrayList<>();
        byTau.forEach((tau, c) -> out.add(new TauRate(tau, Rate.of(c[1], c[0]), c[2])));
        return out;
    }

    LcpStats lcp() {
        return new LcpStats(new Histogram(attemptsLcp.clone()), byTau(attemptsLcpByTau),
                new Histogram(acceptedLcp.clone()), byTau(acceptedLcpByTau), Rate.of(acceptedBelowHalf, rescued),
                Rate.of(rejected, verified));
    }

    private static Map<String, Histogram> byTau(TreeMap<Double, long[]> counts) {
        Map<String, Histogram> out = new LinkedHashMap<>();
        counts.forEach((tau, c) -> out.put(Double.toString(tau), new Histogram(c.clone())));
        return out;
    }
}
