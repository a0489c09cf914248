package org.rmel.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.rmel.tasks.BenchmarkRegistry;
import org.rmel.tasks.Problem;
import org.rmel.testsupport.SharedData;

/** One Verifier shared by several threads gives exactly the verdicts of sequential calls. */
class VerifierConcurrencyTest {
    @Test
    void sharedVerifierIsThreadSafe() throws Exception {
        Verifier verifier = new Verifier();
        List<String[]> pairs = new ArrayList<>();
        for (Problem p : BenchmarkRegistry.load(BenchmarkRegistry.require("MATH-500"), SharedData.benchmarksDir())) {
            pairs.add(new String[] {p.answer(), AnswerVariants.rewritten(p.answer())});
            pairs.add(new String[] {p.answer(), AnswerVariants.perturbed(p.answer())});
        }
        List<Verdict> expected = new ArrayList<>();
        for (String[] pair : pairs) {
            expected.add(verifier.verify(pair[0], pair[1]));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Verdict>>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t * 97;
                futures.add(pool.submit(() -> {
                    List<Verdict> got = new ArrayList<>(pairs.size());
                    for (int k = 0; k < pairs.size(); k++) {
                        got.add(null);
                    }
                    for (int k = 0; k < pairs.size(); k++) {
                        int i = (k + offset) % pairs.size();
                        got.set(i, verifier.verify(pairs.get(i)[0], pairs.get(i)[1]));
                    }
                    return got;
                }));
            }
            for (Future<List<Verdict>> f : futures) {
                assertEquals(expected, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
