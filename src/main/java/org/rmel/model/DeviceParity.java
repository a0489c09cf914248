package org.rmel.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Greedy decoding of one model on the GPU (fp32 and bf16) and on the CPU (fp32), in one process
 * and from the same weights, so a GPU set-up can be checked against the CPU: token ids and their
 * log-probabilities.
 */
public final class DeviceParity {
    /** One decoding: where, in what format, the new ids and their log-probs, and how long it took. */
    public record Run(String device, Precision precision, int[] ids, float[] logprobs, double seconds) {
    }

    private DeviceParity() {
    }

    /**
     * Decodes {@code steps} tokens greedily after {@code prompt}: {@code device} in fp32 and bf16, then
     * the CPU in fp32 (the reference).
     * With {@code folder} null, a random model of {@code shape} (seed 1) is used.
     */
    public static List<Run> run(Path folder, Qwen2Config shape, Tokenizer tokenizer, int[] prompt, int steps,
            DeviceChoice device) {
        List<Run> runs = new ArrayList<>();
        runs.add(decode(folder, shape, tokenizer, device, Precision.FP32, prompt, steps));
        runs.add(decode(folder, shape, tokenizer, device, Precision.BF16, prompt, steps));
        runs.add(decode(folder, shape, tokenizer, DeviceChoice.CPU, Precision.FP32, prompt, steps));
        return runs;
    }

    private static Run decode(Path folder, Qwen2Config shape, Tokenizer tokenizer, DeviceChoice device,
            Precision precision, int[] prompt, int steps) {
        try (Policy p = folder != null ? Policies.load(folder, device, precision)
                : Policies.random(shape, tokenizer, 1, device, precision)) {
            p.sample(List.of(prompt), SamplingParams.greedy(Math.min(2, steps))); // warm-up
            long t0 = System.nanoTime();
            Sample s = p.sample(List.of(prompt), SamplingParams.greedy(steps)).get(0);
            return new Run(p.deviceInfo().name(), p.precision(), s.tokenIds(), s.tokenLogprobs(),
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    /** The first step where the ids differ, or -1. */
    public static int firstDifference(int[] a, int[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] != b[i]) {
                return i;
            }
        }
        return a.length == b.length ? -1 : Math.min(a.length, b.length);
    }

    /** The largest |a - b| over the steps both have before their ids first differ. */
    public static double maxDifference(Run a, Run b) {
        int n = firstDifference(a.ids(), b.ids());
        n = n < 0 ? a.ids().length : n;
        double worst = 0;
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, Math.abs(a.logprobs()[i] - b.logprobs()[i]));
        }
        return worst;
    }
}
