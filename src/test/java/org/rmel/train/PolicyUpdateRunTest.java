package org.rmel.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.cli.RmelCommand;
import org.rmel.run.CheckpointEvent;
import org.rmel.run.GroupEvent;
import org.rmel.run.RunFailed;
import org.rmel.run.StepEvent;

/** The policy update inside real runs of the built-in model: resume with the KL reference, divergence. */
class PolicyUpdateRunTest {

    @TempDir
    Path tmp;

    /**
     * A run with the KL loss, cut back to its step-2 checkpoint and resumed, repeats the
     * uninterrupted run's steps 3 and 4 exactly: same rollouts, rewards, losses and KL — so the
     * resumed policy and its frozen reference are the uninterrupted run's.
     */
    @Test
    void resumedRunWithKlLossRepeatsTheUninterruptedRunExactly() throws IOException {
        Path full = tmp.resolve("full");
        assertEquals(0, RmelCommand.execute("train", "--preset", "smoke", "--condition", "r-mel", "--out", full.toString(),
                "--set", "steps=4", "--set", "checkpoint_every=2", "--set", "eval_every=0",
                "--set", "use_kl_loss=true", "--set", "kl_loss_coef=0.5", "--set", "lr=3e-3"));
        Path cut = tmp.resolve("cut");
        copy(full, cut);
        List<String> lines = Files.readAllLines(cut.resolve("events.jsonl"));
        int checkpoint = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"type\":\"checkpoint\"") && lines.get(i).contains("step-000002")) {
                checkpoint = i;
            }
        }
        assertTrue(checkpoint > 0, "the run checkpointed step 2");
        Files.write(cut.resolve("events.jsonl"), lines.subList(0, checkpoint + 1));
        deleteTree(cut.resolve("checkpoints").resolve("step-000004"));

        assertEquals(0, RmelCommand.execute("train", "--resume", cut.toString()));
        List<StepEvent> expected = RunLog.read(full).of(StepEvent.class);
        List<StepEvent> resumed = RunLog.read(cut).of(StepEvent.class);
        assertEquals(List.of(1, 2, 3, 4), resumed.stream().map(StepEvent::step).toList());
        for (int i = 2; i < 4; i++) {
            for (String key : List.of("reward/mean", "loss/grpo", "loss/kl", "loss/nll", "loss/total",
                    "update/grad_norm", "update/ratio_max", "update/clip_frac")) {
                assertEquals(expected.get(i).metric(key), resumed.get(i).metric(key), 0.0,
                        key + " at step " + expected.get(i).step());
            }
            assertTrue(resumed.get(i).metric("loss/kl") > 0, "the policy has moved away from its reference");
        }
        List<String> a = texts(full);
        List<String> b = texts(cut);
        assertEquals(a, b, "same rollouts after the resume");
    }

    private static List<String> texts(Path run) {
        List<String> out = new ArrayList<>();
        for (GroupEvent g : RunLog.read(run).of(GroupEvent.class)) {
            g.trajectories().forEach(t -> out.add(g.step() + " " + t.text()));
        }
        return out;
    }

    /**
     * A learning rate that blows the weights up makes every later loss non-finite: those steps are
     * skipped and counted, and after max_consecutive_skips in a row the run stops with one clear
     * error line (exit 2) and a run_failed event naming the setting, its last step event written.
     */
    @Test
    void aDivergingRunSkipsNonFiniteStepsThenStopsWithAClearMessage() {
        Path out = tmp.resolve("diverged");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = RmelCommand.execute(new PrintWriter(new StringWriter(), true),
                new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true),
                "train", "--preset", "smoke", "--condition", "mel", "--out", out.toString(), "--set", "steps=6",
                "--set", "eval_every=0", "--set", "lr=1e30", "--set", "max_new_tokens=12",
                "--set", "max_consecutive_skips=3");
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, message);
        assertTrue(message.startsWith("error: max_consecutive_skips: training diverged"), message);
        RunLog log = RunLog.read(out);
        List<StepEvent> steps = log.of(StepEvent.class);
        assertTrue(steps.size() < 6, "stopped early");
        assertTrue(steps.get(0).metric("update/optimizer_steps") >= 1, "the first update is taken (and blows up)");
        StepEvent last = steps.get(steps.size() - 1);
        assertEquals(2.0, last.metric("update/skipped_nonfinite"), "both mini-batches of the last step skipped");
        assertEquals(0.0, last.metric("update/optimizer_steps"));
        double skipped = steps.stream().mapToDouble(s -> s.metric("update/skipped_nonfinite")).sum();
        assertTrue(skipped >= 3, "skips counted in the step events: " + skipped);
        assertFalse(log.of(RunFailed.class).isEmpty());
        assertTrue(log.of(RunFailed.class).get(0).error().contains("max_consecutive_skips"));
        int failedAt = last.step();
        assertTrue(log.of(CheckpointEvent.class).stream().noneMatch(c -> c.step() == failedAt),
                "the step that stops the run is not checkpointed");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().endsWith(".lock")) {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
