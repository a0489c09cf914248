package org.rmel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.model.Policies;
import org.rmel.model.Policy;
import org.rmel.model.DeviceChoice;
import org.rmel.model.Sample;
import org.rmel.model.SamplingParams;

/**
 * {@code bench random-model} writes a folder the model loader, the tokenizer and the sampler take
 * as a download (any text encodes, any id decodes); {@code gpu check --device cpu} compares bf16
 * with fp32 on the CPU with the same code path a GPU check uses, and prints one JSON line per
 * decoding.
 */
class RandomModelAndCheckTest {
    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RmelCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aRandomModelFolderLoadsEncodesAnyTextAndSamples() {
        Path dir = tmp.resolve("random");
        Run r = run("bench", "random-model", "--shape", "qwen2.5-0.5b", "--layers", "1", "--vocab", "700", "--out",
                dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("vocabulary 700") && r.out().contains("end-of-sequence id 697"), r.out());
        try (Policy p = Policies.load(dir, DeviceChoice.CPU)) {
            String text = "Find x: 3x + 5 = 20. ∑ café";
            int[] ids = p.tokenizer().encode(text);
            assertEquals(text, p.tokenizer().decode(ids), "byte-level: any text round-trips");
            Sample s = p.sample(List.of(ids), SamplingParams.sampled(1.0, 1.0, 16, 3)).get(0);
            assertTrue(s.tokenIds().length > 0);
            p.tokenizer().decode(s.tokenIds()); // any id decodes
        }
        assertEquals(2, run("bench", "random-model", "--out", dir.toString()).exit(), "an existing model is kept");
    }

    @Test
    void theFullSizeTokenizerCoversQwensVocabularyAndMerges() throws Exception {
        Path file = tmp.resolve("tokenizer.json");
        org.rmel.model.SyntheticTokenizer.write(file, 151643, List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>"));
        try (org.rmel.model.HfTokenizer t = org.rmel.model.HfTokenizer.standalone(file, 151936, 151643, 151643)) {
            String text = "Find x such that 3x + 5 = 20.";
            int[] ids = t.encode(text);
            assertEquals(text, t.decode(ids));
            assertTrue(ids.length < text.length(), "byte pairs merge: " + ids.length + " ids for " + text.length() + " bytes");
            assertTrue(java.util.Arrays.stream(ids).allMatch(i -> i < 151643));
            for (int id : new int[] {0, 300, 70000, 151642}) {
                assertTrue(t.decode(new int[] {id}).length() > 0, "id " + id + " decodes"); // a byte, a pair, triples
            }
        }
    }

    @Test
    void gpuCheckOnTheCpuComparesBf16WithFp32() throws Exception {
        Path fixture = org.rmel.testsupport.SharedData.sharedDir().resolve("fixtures").resolve("qwen2-tiny-tied");
        Run r = run("gpu", "check", "--device", "cpu", "--model", fixture.toString(), "--prompt-ids", "5,17,42",
                "--max-new-tokens", "8", "--json");
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> lines = r.out().lines().map(l -> {
            try {
                return new ObjectMapper().readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertEquals(List.of("fp32", "bf16", "fp32"), lines.stream().map(n -> n.get("precision").asText()).toList());
        assertTrue(lines.get(2).get("reference").asBoolean());
        assertEquals(lines.get(0).get("ids"), lines.get(2).get("ids"), "fp32 twice on the CPU gives the same ids");
        assertEquals(8, lines.get(1).get("ids").size());

        Run table = run("gpu", "check", "--device", "cpu", "--max-new-tokens", "6");
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("fp32: the GPU matches the CPU"), table.out());
    }
}
