package org.rmel.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Sampling frees its native tensors: 1,000 calls leave no arrays behind and no resident growth. */
class MemoryTest {

    private static final List<int[]> PROMPTS = List.of(new int[] {4, 5, 6, 7, 8}, new int[] {9, 10, 11});

    @Test
    void thousandSamplingCallsDoNotLeak() {
        CharTokenizer tok = new CharTokenizer("0123456789+-*=()\n :#QHCAnswer");
        try (DjlPolicy p = (DjlPolicy) Policies.random(
                Qwen2Config.of(tok.vocabSize(), 32, 64, 2, 4, 2, true, tok.eosId(), tok.padId()), tok, 1,
                DeviceChoice.CPU)) {
            for (int i = 0; i < 200; i++) {
                call(p, i);
            }
            int arraysBefore = p.model().manager().getManagedArrays().size();
            long before = residentFloor(p);
            for (int i = 0; i < 1000; i++) {
                call(p, i);
            }
            long after = residentFloor(p);
            assertEquals(arraysBefore, p.model().manager().getManagedArrays().size(), "arrays left in the model's manager");
            assertTrue(before > 0, "resident memory is readable");
            // a call makes ~800 small tensors (~1 KiB each with their headers): leaking them would
            // add ~800 MiB; the JVM's own late growth (compiled code, metadata) stays far below this
            assertTrue(after - before < 48L * 1024 * 1024,
                    "resident memory floor grew by " + (after - before) / 1024 + " KiB over 1,000 calls");
        }
    }

    private static void call(DjlPolicy p, int seed) {
        p.sample(PROMPTS, SamplingParams.sampled(1.0, 0.9, 6, seed));
    }

    /**
     * The lowest of a few readings, each after a collection: resident memory swings by ~100 MiB
     * with the JVM's own activity (compilers, collector, freed direct buffers), but a leak raises
     * the floor.
     */
    private static long residentFloor(DjlPolicy p) {
        long floor = Long.MAX_VALUE;
        for (int r = 0; r < 4; r++) {
            for (int i = 0; i < 10; i++) {
                call(p, i);
            }
            System.gc();
            floor = Math.min(floor, NativeMemory.residentBytes());
        }
        System.out.println("resident floor " + floor / 1024 + " KiB");
        return floor;
    }
}
