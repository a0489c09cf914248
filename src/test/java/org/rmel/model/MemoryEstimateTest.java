package org.rmel.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The memory estimate's parts for released shapes, worked out by hand from the formulas. */
class MemoryEstimateTest {
    private static final long GIB = 1L << 30;

    @Test
    void residentPartsFollowTheParameterCount() {
        Qwen2Config half = Qwen2Shapes.byName("qwen2.5-0.5b");
        assertEquals(494_032_768L, half.parameterCount(), "Qwen2.5-0.5B has 494,032,768 parameters");
        MemoryEstimate.Workload w = new MemoryEstimate.Workload(64, 128, 256, 16, 512, true);
        MemoryEstimate bf16 = MemoryEstimate.of(half, Precision.BF16, w);
        MemoryEstimate fp32 = MemoryEstimate.of(half, Precision.FP32, w);
        long p = half.parameterCount();
        assertEquals(6 * p, bf16.weights(), "float32 masters and a bfloat16 copy");
        assertEquals(4 * p, fp32.weights());
        assertEquals(4 * p, bf16.gradients());
        assertEquals(8 * p, bf16.optimizer());
        assertEquals(2 * p, bf16.reference(), "the KL reference in the compute format");
        assertEquals(4 * p, fp32.reference());
        // 64 rows x 384 tokens x 24 layers x (k, v) x 2 kv heads x 64 x 2 bytes
        assertEquals(64L * 384 * 24 * 2 * 128 * 2, bf16.kvCache());
        assertEquals(2 * bf16.kvCache(), fp32.kvCache());
    }

    @Test
    void aQwen25OneAndAHalfBillionPaperStepFitsEightyGigabytesInBf16() {
        // the paper preset: 128 prompts x 8 rollouts, 2,048 new tokens; 256 rows sampled together;
        // a revision prompt of 300 + 0.7 x 2,048 tokens; MEL contexts of 300 + 2 x 2,048 + 256 tokens,
        // one sequence per backward pass
        Qwen2Config c = Qwen2Shapes.byName("qwen2.5-1.5b");
        MemoryEstimate e = MemoryEstimate.of(c, Precision.BF16, new MemoryEstimate.Workload(256, 300 + 1434, 2048, 1,
                300 + 2 * 2048 + 256, false));
        assertTrue(e.total() < 80 * GIB * 0.95, e.describe());
        MemoryEstimate withKl = MemoryEstimate.of(c, Precision.BF16, new MemoryEstimate.Workload(256, 300 + 1434, 2048, 1,
                300 + 2 * 2048 + 256, true));
        assertTrue(withKl.total() < 80 * GIB * 0.95, withKl.describe());
        MemoryEstimate four = MemoryEstimate.of(c, Precision.BF16, new MemoryEstimate.Workload(256, 300 + 1434, 2048, 4,
                300 + 2 * 2048 + 256, false));
        assertTrue(four.total() > 80 * GIB, "four such sequences per backward pass do not fit: " + four.describe());
        assertEquals("micro_batch_size", four.peakSetting());
    }
}
