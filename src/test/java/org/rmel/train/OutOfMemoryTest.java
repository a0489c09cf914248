package org.rmel.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.EngineException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.base.EnvironmentException;
import org.rmel.cli.RmelCommand;
import org.rmel.model.DeviceInfo;
import org.rmel.model.NllSample;
import org.rmel.model.Policy;
import org.rmel.model.PolicyGradientSample;
import org.rmel.model.Precision;
import org.rmel.model.Qwen2Config;
import org.rmel.model.Sample;
import org.rmel.model.SamplingParams;
import org.rmel.model.Tokenizer;
import org.rmel.model.TrainStepParams;
import org.rmel.model.TrainStepResult;
import org.rmel.run.CheckpointEvent;
import org.rmel.run.RunFailed;
import org.rmel.run.RunFinished;
import org.rmel.run.StepEvent;

/**
 * A CUDA out-of-memory error (raised by a stand-in, since this machine has no GPU, with PyTorch's
 * own wording) in the third step's sampling: one clear message with the estimate and the setting
 * to lower, a readable failed run, and a resume from the last checkpoint with a smaller setting.
 */
class OutOfMemoryTest {
    @TempDir
    Path tmp;

    @Test
    void outOfMemoryNamesTheSettingAndTheRunResumesWithASmallerOne() {
        Path out = tmp.resolve("oom");
        TrainSettings settings = TrainSettings.preset("smoke").with("steps", "4").with("checkpoint_every", "2")
                .with("warm_start_steps", "0");
        EnvironmentException e = assertThrows(EnvironmentException.class,
                () -> TrainSession.start(settings, out, quiet(), p -> new FailsAfterACheckpoint(p, out)));
        String m = e.getMessage();
        assertTrue(m.startsWith("out of memory while sampling (CUDA out of memory. Tried to allocate 20.00 GiB"), m);
        assertTrue(m.contains("memory estimate (fp32): weights "), m);
        assertTrue(m.contains("Lower sampling_micro_batch_size (now 256)"), m);
        assertTrue(m.endsWith("rmel train --resume " + out + " --set sampling_micro_batch_size=128"), m);

        RunLog log = RunLog.read(out);
        assertEquals(m, log.of(RunFailed.class).get(0).error());
        assertEquals(List.of(1, 2), log.of(StepEvent.class).stream().map(StepEvent::step).toList());
        assertEquals(2, log.of(CheckpointEvent.class).get(0).step());

        assertEquals(2, RmelCommand.execute("train", "--resume", out.toString(), "--set", "k=3"),
                "only memory settings change on resume");
        assertEquals(0, RmelCommand.execute("train", "--resume", out.toString(), "--set", "sampling_micro_batch_size=3"));
        RunLog resumed = RunLog.read(out);
        assertEquals(List.of(1, 2, 3, 4), resumed.of(StepEvent.class).stream().map(StepEvent::step).toList());
        assertEquals(RunFinished.COMPLETED, resumed.of(RunFinished.class).get(0).reason());
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** The real policy, which runs out of GPU memory when it samples once the run has a checkpoint. */
    private static final class FailsAfterACheckpoint implements Policy {
        private final Policy inner;
        private final Path run;

        FailsAfterACheckpoint(Policy inner, Path run) {
            this.inner = inner;
            this.run = run;
        }

        @Override
        public List<Sample> sample(List<int[]> prompts, SamplingParams params) {
            if (!RunLog.read(run).of(CheckpointEvent.class).isEmpty()) {
                throw new EngineException("CUDA out of memory. Tried to allocate 20.00 GiB. GPU 0 has a total capacity "
                        + "of 79.19 GiB of which 3.12 GiB is free.\nException raised from malloc at c10/cuda/CUDACachingAllocator.cpp");
            }
            return inner.sample(prompts, params);
        }

        @Override
        public Tokenizer tokenizer() {
            return inner.tokenizer();
        }

        @Override
        public List<float[]> sequenceLogprobs(List<int[]> prompts, List<int[]> completions) {
            return inner.sequenceLogprobs(prompts, completions);
        }

        @Override
        public List<float[]> sequenceLogprobs(List<int[]> prompts, List<int[]> completions, double temperature,
                int microBatchSize) {
            return inner.sequenceLogprobs(prompts, completions, temperature, microBatchSize);
        }

        @Override
        public List<float[]> referenceLogprobs(List<int[]> prompts, List<int[]> completions, double temperature,
                int microBatchSize) {
            return inner.referenceLogprobs(prompts, completions, temperature, microBatchSize);
        }

        @Override
        public void freezeReference() {
            inner.freezeReference();
        }

        @Override
        public boolean hasReference() {
            return inner.hasReference();
        }

        @Override
        public void restore(Path checkpoint) {
            inner.restore(checkpoint);
        }

        @Override
        public TrainStepResult trainStep(List<PolicyGradientSample> pg, List<NllSample> nll, TrainStepParams params) {
            return inner.trainStep(pg, nll, params);
        }

        @Override
        public void save(Path dir) {
            inner.save(dir);
        }

        @Override
        public long optimizerSteps() {
            return inner.optimizerSteps();
        }

        @Override
        public DeviceInfo deviceInfo() {
            return inner.deviceInfo();
        }

        @Override
        public Precision precision() {
            return inner.precision();
        }

        @Override
        public Qwen2Config config() {
            return inner.config();
        }

        @Override
        public void setSamplingMicroBatchSize(int rows) {
            inner.setSamplingMicroBatchSize(rows);
        }

        @Override
        public String describe() {
            return inner.describe();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
