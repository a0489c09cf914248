package org.rmel.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Sampling frees its native tensors: 1,000 calls leave no arrays behind and no resident growth. */
class MemoryTest {

    /**
     * Resident memory minus the Java heap, after a collection: small host buffers handed to
     * native tensors are direct buffers freed by the collector, and heap growth is not native.
     */
    private static long settledResident() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return NativeMemory.residentBytes() - rt.totalMemory();
    }

    @Test
    void thousandSamplingCallsDoNotLeak() {
        CharTokenizer tok = new CharTokenizer("0123456789+-*=()\n :#QHCAnswer");
        try (DjlPolicy p = (DjlPolicy) Policies.random(
                Qwen2Config.of(tok.vocabSize(), 32, 64, 2, 4, 2, true, tok.eosId(), tok.padId()), tok, 1,
                DeviceChoice.CPU)) {
            List<int[]> prompts = List.of(tok.encode("Q:1+2\n"), tok.encode("Q:(3*4)\n"));
            for (int i = 0; i < 100; i++) {
                p.sample(prompts, SamplingParams.sampled(1.0, 0.9, 6, i));
            }
            int arraysBefore = p.model().manager().getManagedArrays().size();
            long before = settledResident();
            for (int i = 0; i < 1000; i++) {
                p.sample(prompts, SamplingParams.sampled(1.0, 0.9, 6, i));
            }
            long after = settledResident();
            System.out.println("resident before " + before / 1024 + " KiB, after " + after / 1024 + " KiB");
            assertEquals(arraysBefore, p.model().manager().getManagedArrays().size(), "arrays left in the model's manager");
            assertTrue(before > 0, "resident memory is readable");
            // one call's tensors are a few kilobytes; a leak of them all would add tens of megabytes
            assertTrue(after - before < 16L * 1024 * 1024,
                    "resident memory grew by " + (after - before) / 1024 + " KiB over 1,000 calls");
        }
    }
}
