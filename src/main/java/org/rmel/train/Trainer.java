package org.rmel.train;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rmel.method.DifficultyTracker;
import org.rmel.model.Policy;
import org.rmel.run.EvalEvent;
import org.rmel.run.PausePoint;
import org.rmel.run.RunFinished;
import org.rmel.run.RunWriter;

/**
 * The training loop: steps, evaluation every {@code eval_every} steps (and at step 0 and the
 * end), a checkpoint every {@code checkpoint_every} steps (and at the end or a stop), progress
 * on the terminal, and a clean stop at the end of a step on SIGINT/SIGTERM.
 */
final class Trainer {
    private final TrainSettings settings;
    private final Policy policy;
    private final RunWriter writer;
    private final StepRunner steps;
    private final Evaluator evaluator;
    private final Map<String, List<TaskProblem>> benchmarks;
    private final DifficultyTracker tracker;
    private final AdaptiveBudget adaptive;
    private final Progress progress;
    private List<String> preamble = List.of();

    Trainer(TrainSettings settings, Policy policy, RunWriter writer, StepRunner steps, Evaluator evaluator,
            Map<String, List<TaskProblem>> benchmarks, DifficultyTracker tracker, AdaptiveBudget adaptive,
            PrintStream console) {
        this.settings = settings;
        this.policy = policy;
        this.writer = writer;
        this.steps = steps;
        this.evaluator = evaluator;
        this.benchmarks = benchmarks;
        this.tracker = tracker;
        this.adaptive = adaptive;
        this.progress = new Progress(console, writer.trainerLog(), settings.integer("steps"));
    }

    /** Lines logged after the model line at the start (how prompts look, which tokens stop). */
    Trainer withPreamble(List<String> lines) {
        this.preamble = List.copyOf(lines);
        return this;
    }

    /**
     * Trains from the step after {@code done} to the last; {@code evalAtStart} runs the step-0
     * evaluation first. Returns the {@code run_finished} reason.
     */
    String run(int done, boolean evalAtStart, StopSignal stop) {
        int total = settings.integer("steps");
        progress.log("training " + settings.string("condition") + " from step " + done + " to " + total + " on "
                + policy.describe());
        progress.log(UpdatePhase.describe(settings));
        preamble.forEach(progress::log);
        if (evalAtStart) {
            evaluate(0);
        }
        progress.start(done);
        for (int step = done + 1; step <= total; step++) {
            Map<String, Double> m = steps.run(step);
            boolean last = step == total;
            int every = settings.integer("eval_every");
            Map<String, Double> evals = new LinkedHashMap<>();
            if (last || (every > 0 && step % every == 0)) {
                evals = evaluate(step);
            }
            boolean stopping = stop.requested();
            if (last || stopping || step % settings.integer("checkpoint_every") == 0) {
                checkpoint(step);
            }
            progress.step(step, m, evals);
            if (stopping && !last) {
                progress.log("stopped by a signal at the end of step " + step + "; resume with: train --resume " + writer.dir());
                writer.finish(RunFinished.INTERRUPTED);
                return RunFinished.INTERRUPTED;
            }
        }
        progress.log("done: " + total + " steps");
        writer.finish(RunFinished.COMPLETED);
        return RunFinished.COMPLETED;
    }

    private Map<String, Double> evaluate(int step) {
        Map<String, Double> pass = new LinkedHashMap<>();
        long start = System.nanoTime();
        for (Map.Entry<String, List<TaskProblem>> b : benchmarks.entrySet()) {
            EvalEvent e = evaluator.evaluate(step, b.getKey(), b.getValue());
            writer.append(e);
            pass.put(b.getKey(), e.passAt1());
        }
        progress.eval(step, pass, (System.nanoTime() - start) / 1e9);
        return pass;
    }

    /**
     * Saves the model, optimizer and trainer state into {@code step-N.partial}, renames it to
     * {@code step-N} and only then logs the checkpoint event: a crash or a full disk mid-write leaves
     * no half checkpoint under the real name, and a resume uses the previous one. A failed write
     * removes the partial folder (freeing the space, so {@code run_failed} can still be logged).
     */
    private void checkpoint(int step) {
        Path dir = writer.checkpointDir(step);
        Path partial = dir.resolveSibling(dir.getFileName() + ".partial");
        try {
            CheckpointFiles.delete(partial);
            policy.save(partial);
            PausePoint.reach("checkpoint-files", step);
            TrainerState.save(partial, step, tracker, adaptive, steps.skipStreak(), steps.extraBudget());
            CheckpointFiles.replace(partial, dir); // a step-N left by a lost attempt (voided by a resume) is replaced
        } catch (RuntimeException e) {
            CheckpointFiles.deleteQuietly(partial);
            throw e;
        }
        writer.checkpoint(step, writer.dir().relativize(dir).toString());
    }
}
