package org.rmel.train;

import java.util.LinkedHashMap;
import java.util.Map;

/** Wall time per phase of a step ({@code time/<phase>_s}) and in total ({@code time/step_s}). */
final class PhaseClock {
    private final long start = System.nanoTime();
    private long last = start;
    private final Map<String, Double> seconds = new LinkedHashMap<>();

    /** Charges the time since the previous lap to {@code phase}. */
    void lap(String phase) {
        long now = System.nanoTime();
        seconds.merge(phase, (now - last) / 1e9, Double::sum);
        last = now;
    }

    Map<String, Double> metrics() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String phase : new String[] {"rollout", "verify", "extra", "revision", "mel", "update"}) {
            out.put("time/" + phase + "_s", seconds.getOrDefault(phase, 0.0));
        }
        out.put("time/step_s", (System.nanoTime() - start) / 1e9);
        return out;
    }
}
