package org.rmel.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rmel.testsupport.SharedData;

/**
 * Every gold answer of the six shared benchmark files: parses, verifies against itself, against
 * itself boxed in a sentence, against a rewritten spelling, and not against a perturbed answer.
 */
class BenchmarkGoldsTest {
    private static final List<String> FILES = List.of(
            "math500.jsonl", "aime24.jsonl", "aime25.jsonl", "amc23.jsonl", "olympiadbench.jsonl", "minervamath.jsonl");

    @Test
    void everyGoldAnswerIsHandled() throws IOException {
        Verifier verifier = new Verifier();
        ObjectMapper json = new ObjectMapper();
        List<String> failures = new ArrayList<>();
        int total = 0;
        for (String file : FILES) {
            Path path = SharedData.benchmarksDir().resolve(file);
            int line = 0;
            for (String text : Files.readAllLines(path)) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                total++;
                String gold = json.readTree(text).get("answer").asText();
                String where = file + ":" + line + " " + gold;
                Verdict self = verifier.verify(gold, gold);
                if (self.goldParsed() == null) {
                    failures.add(where + " -> does not parse: " + self.reason());
                }
                check(failures, where, "self", verifier.verify(gold, gold), true);
                check(failures, where, "in a sentence", verifier.verify(gold, AnswerVariants.inSentence(gold)), true);
                check(failures, where, "rewritten", verifier.verify(gold, AnswerVariants.rewritten(gold)), true);
                if (self.goldParsed() != null) {
                    check(failures, where, "its parsed form " + self.goldParsed(),
                            verifier.verify(gold, self.goldParsed()), true);
                }
                check(failures, where, "perturbed " + AnswerVariants.perturbed(gold),
                        verifier.verify(gold, AnswerVariants.perturbed(gold)), false);
            }
        }
        System.out.println("benchmark gold answers checked: " + total + ", problems: " + failures.size());
        failures.forEach(f -> System.out.println("  " + f));
        assertTrue(failures.isEmpty(), failures.size() + " problems:\n" + String.join("\n", failures));
    }

    private static void check(List<String> failures, String where, String what, Verdict v, boolean expected) {
        if (v.equal() != expected) {
            failures.add(where + " -> " + what + ": expected " + expected + " [" + v.predAnswer() + " | "
                    + v.goldParsed() + " vs " + v.predParsed() + "] " + v.reason());
        }
    }
}
