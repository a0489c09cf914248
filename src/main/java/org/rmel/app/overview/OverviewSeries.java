package org.rmel.app.overview;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rmel.run.EvalEvent;
import org.rmel.run.EventSink;
import org.rmel.run.LoggedEvent;
import org.rmel.run.RunEvent;
import org.rmel.run.RunStarted;
import org.rmel.run.StepEvent;

/**
 * Collects, incrementally, the series the Overview draws from a run's events: every metric of
 * the {@code step} events by its name, and {@code eval/pass_at_1/BENCH} and
 * {@code eval/avg_at_8/BENCH} from the {@code eval} events. Keeps numbers only, never texts, so
 * a run of a million events costs memory in proportion to its steps.
 *
 * <p>Fed by the follower's thread, read by others: every method is synchronized.
 */
public final class OverviewSeries implements EventSink {
    public static final String PASS_AT_1 = "eval/pass_at_1/";
    public static final String AVG_AT_8 = "eval/avg_at_8/";

    private final Map<String, SeriesBuffer> series = new LinkedHashMap<>();
    private long startMs = -1;
    private long events;

    @Override
    public synchronized void accept(LoggedEvent logged) {
        RunEvent event = logged.event();
        events++;
        if (startMs < 0 || event instanceof RunStarted && startMs > event.t()) {
            startMs = event.t();
        }
        double seconds = (event.t() - startMs) / 1000.0;
        if (event instanceof StepEvent step) {
            step.metrics().forEach((name, value) ->
                    buffer(name).add(step.step(), seconds, value == null ? Double.NaN : value));
        } else if (event instanceof EvalEvent eval) {
            buffer(PASS_AT_1 + eval.benchmark()).add(eval.step(), seconds, eval.passAt1());
            buffer(AVG_AT_8 + eval.benchmark()).add(eval.step(), seconds, eval.avgAt8());
        }
    }

    @Override
    public synchronized void reset() {
        series.clear();
        startMs = -1;
        events = 0;
    }

    private SeriesBuffer buffer(String name) {
        return series.computeIfAbsent(name, k -> new SeriesBuffer());
    }

    /** A copy of every series, in the order the names first appeared. */
    public synchronized Map<String, Series> snapshot() {
        Map<String, Series> copy = new LinkedHashMap<>();
        series.forEach((name, buffer) -> copy.put(name, buffer.snapshot(name)));
        return copy;
    }

    public synchronized boolean hasSeries() {
        return !series.isEmpty();
    }

    public synchronized long events() {
        return events;
    }
}
