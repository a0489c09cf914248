package org.rmel.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rmel.testsupport.SharedData;

/** Our Qwen2 against the Hugging Face reference outputs stored with the tiny fixture models. */
class ParityTest {

    private static final double TOL = 1e-4;

    private static JsonNode reference(String name) throws IOException {
        return new ObjectMapper().readTree(fixture(name).resolve("reference.json").toFile());
    }

    private static Path fixture(String name) {
        return SharedData.sharedDir().resolve("fixtures").resolve(name);
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    private static float[] floats(JsonNode a) {
        List<Float> l = new ArrayList<>();
        flatten(a, l);
        float[] out = new float[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = l.get(i);
        }
        return out;
    }

    private static void flatten(JsonNode a, List<Float> out) {
        if (a.isArray()) {
            a.forEach(x -> flatten(x, out));
        } else {
            out.add(a.floatValue());
        }
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertEquals(0, worst, TOL, what + ": largest absolute difference");
    }

    @ParameterizedTest
    @ValueSource(strings = {"qwen2-tiny-tied", "qwen2-tiny-untied"})
    void logitsMatchForAFullRowAndALeftPaddedBatch(String name) throws IOException {
        JsonNode ref = reference(name);
        try (DjlPolicy policy = ModelFolder.load(fixture(name), Device.cpu());
                NDManager m = policy.model().manager().newSubManager()) {
            Qwen2Model model = policy.model();
            JsonNode ids = ref.get("input_ids");
            JsonNode mask = ref.get("attention_mask");
            List<int[]> rows = new ArrayList<>();
            for (int r = 0; r < ids.size(); r++) {
                int[] row = ints(ids.get(r));
                int[] msk = ints(mask.get(r));
                int pad = 0;
                while (msk[pad] == 0) {
                    pad++;
                }
                rows.add(Arrays.copyOfRange(row, pad, row.length));
            }
            Qwen2Model.LeftPadded lp = Qwen2Model.leftPad(rows, 0);
            NDArray h = model.hidden(lp.array(m), Qwen2Model.positions(m, lp.padding(), 0, lp.length()),
                    Qwen2Model.causalBias(m, lp.padding(), 0, lp.length()), null);
            NDArray logits = model.logits(h);
            assertClose(floats(ref.get("logits_row0")), logits.get(new NDIndex("0")).toFloatArray(), "row 0 logits");
            assertClose(floats(ref.get("logits_padded_last")), logits.get(new NDIndex(":, -1, :")).toFloatArray(),
                    "padded batch last logits");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"qwen2-tiny-tied", "qwen2-tiny-untied"})
    void cachedGreedyGenerationAndLogprobsMatch(String name) throws IOException {
        JsonNode ref = reference(name);
        int[] prompt = ints(ref.get("greedy_prompt"));
        int[] output = ints(ref.get("greedy_output"));
        int[] expectedNew = Arrays.copyOfRange(output, prompt.length, output.length);
        try (Policy policy = Policies.load(fixture(name), DeviceChoice.CPU)) {
            // the reference generated 24 tokens without meeting eos, so ours must not stop early either
            Sample s = policy.sample(List.of(prompt), SamplingParams.greedy(expectedNew.length)).get(0);
            assertFalse(s.stopped());
            assertArrayEquals(expectedNew, s.tokenIds());
            float[] allLogprobs = floats(ref.get("greedy_token_logprobs"));
            float[] newLogprobs = Arrays.copyOfRange(allLogprobs, prompt.length - 1, prompt.length - 1 + s.tokenIds().length);
            assertClose(newLogprobs, s.tokenLogprobs(), "sampled token log-probs");
            float[] scored = policy.sequenceLogprobs(List.of(new int[] {output[0]}),
                    List.of(Arrays.copyOfRange(output, 1, output.length))).get(0);
            assertClose(allLogprobs, scored, "sequence log-probs");
        }
    }
}
