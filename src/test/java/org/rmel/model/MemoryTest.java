package org.rmel.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sampling frees its native tensors: 1,000 calls leave no arrays in the model's manager and no
 * growth of the C heap, where PyTorch's CPU allocator takes tensor memory from.
 */
class MemoryTest {

    private static final List<int[]> PROMPTS = List.of(new int[] {4, 5, 6, 7, 8}, new int[] {9, 10, 11});

    /** glibc's {@code struct mallinfo2}: bytes in use are {@code uordblks} plus mmapped {@code hblkhd}. */
    public static class MallInfo2 extends Structure implements Structure.ByValue {
        public long arena;
        public long ordblks;
        public long smblks;
        public long hblks;
        public long hblkhd;
        public long usmblks;
        public long fsmblks;
        public long uordblks;
        public long fordblks;
        public long keepcost;

        @Override
        protected List<String> getFieldOrder() {
            return List.of("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
                    "fordblks", "keepcost");
        }
    }

    interface LibC extends Library {
        MallInfo2 mallinfo2();
    }

    private static final LibC LIBC = Native.load("c", LibC.class);

    @Test
    void thousandSamplingCallsDoNotLeak() {
        CharTokenizer tok = new CharTokenizer("0123456789+-*=()\n :#QHCAnswer");
        try (DjlPolicy p = (DjlPolicy) Policies.random(
                Qwen2Config.of(tok.vocabSize(), 32, 64, 2, 4, 2, true, tok.eosId(), tok.padId()), tok, 1,
                DeviceChoice.CPU)) {
            for (int i = 0; i < 100; i++) {
                call(p, i);
            }
            int arraysBefore = p.model().manager().getManagedArrays().size();
            long before = heapFloor(p);
            for (int i = 0; i < 1000; i++) {
                call(p, i);
            }
            long after = heapFloor(p);
            assertEquals(arraysBefore, p.model().manager().getManagedArrays().size(), "arrays left in the model's manager");
            assertTrue(before > 0, "C heap use is readable");
            // a call makes ~600 small tensors (~1 KiB each with their headers): leaking them would
            // add ~600 MiB; the JVM's own malloc use (compilers, collector) moves by ~10 MiB
            assertTrue(after - before < 24L * 1024 * 1024,
                    "C heap in use grew by " + (after - before) / 1024 + " KiB over 1,000 calls");
        }
    }

    private static void call(DjlPolicy p, int seed) {
        p.sample(PROMPTS, SamplingParams.sampled(1.0, 0.9, 4, seed));
    }

    /** The lowest of a few readings of C heap bytes in use, each after a collection. */
    private static long heapFloor(DjlPolicy p) {
        long floor = Long.MAX_VALUE;
        for (int r = 0; r < 4; r++) {
            for (int i = 0; i < 10; i++) {
                call(p, i);
            }
            System.gc();
            MallInfo2 m = LIBC.mallinfo2();
            floor = Math.min(floor, m.uordblks + m.hblkhd);
        }
        System.out.println("C heap in use " + floor / 1024 + " KiB, resident " + NativeMemory.residentBytes() / 1024 + " KiB");
        return floor;
    }
}
