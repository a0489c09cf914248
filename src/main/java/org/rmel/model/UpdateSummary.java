package org.rmel.model;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The optimizer steps of one training step's update, in order (epoch by epoch, mini-batch by
 * mini-batch), and their aggregates. Losses and gradient norms are averaged over the steps that
 * were taken (a skipped step's numbers are not finite); ratio diagnostics are pooled over the
 * taken steps' tokens.
 *
 * @param steps every optimizer step attempted, skipped ones included
 * @param miniBatches mini-batches per epoch
 */
public record UpdateSummary(List<TrainStepResult> steps, int miniBatches) {

    public UpdateSummary {
        steps = List.copyOf(steps);
    }

    /** Optimizer steps taken. */
    public int taken() {
        return (int) steps.stream().filter(s -> !s.skipped()).count();
    }

    /** Optimizer steps skipped for a non-finite gradient norm. */
    public int skipped() {
        return steps.size() - taken();
    }

    /**
     * Skipped optimizer steps at the end of this update, in a row (what a run-long streak of
     * skips continues with); {@code steps().size()} when every step was skipped.
     */
    public int trailingSkips() {
        int n = 0;
        for (int i = steps.size() - 1; i >= 0 && steps.get(i).skipped(); i--) {
            n++;
        }
        return n;
    }

    public double meanLoss() {
        return meanOfTaken(TrainStepResult::loss);
    }

    public double meanPgLoss() {
        return meanOfTaken(TrainStepResult::pgLoss);
    }

    /** Mean KL loss (before its coefficient); NaN when the KL loss is off or nothing was taken. */
    public double meanKlLoss() {
        return meanOfTaken(TrainStepResult::klLoss);
    }

    /** Mean NLL over the taken steps that had NLL targets; NaN when none had. */
    public double meanNllLoss() {
        return steps.stream().filter(s -> !s.skipped() && s.nllSequences() > 0)
                .mapToDouble(TrainStepResult::nllLoss).average().orElse(Double.NaN);
    }

    public double meanGradNorm() {
        return meanOfTaken(TrainStepResult::gradNorm);
    }

    public double maxGradNorm() {
        return steps.stream().filter(s -> !s.skipped()).mapToDouble(TrainStepResult::gradNorm).max()
                .orElse(Double.NaN);
    }

    /** Ratio diagnostics pooled over the taken steps. */
    public RatioStats ratio() {
        RatioStats all = RatioStats.EMPTY;
        for (TrainStepResult s : steps) {
            if (!s.skipped()) {
                all = all.plus(s.ratio());
            }
        }
        return all;
    }

    private double meanOfTaken(ToDoubleFunction<TrainStepResult> f) {
        return steps.stream().filter(s -> !s.skipped()).mapToDouble(f).average().orElse(Double.NaN);
    }
}
