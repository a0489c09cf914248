package org.rmel.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A long prefill or scoring pass split into row chunks gives what one pass gives. */
class ChunkedForwardTest {
    @AfterEach
    void restore() {
        Qwen2Model.chunkTokens = Qwen2Model.CHUNK_TOKENS;
    }

    @Test
    void rowChunksGiveTheSameSamplesAndLogprobs() {
        CharTokenizer tok = new CharTokenizer("0123456789+-*=()\n :#QHCAnswer");
        Qwen2Config shape = Qwen2Config.of(tok.vocabSize(), 32, 64, 2, 4, 2, true, tok.eosId(), tok.padId());
        List<int[]> prompts = new ArrayList<>();
        for (String s : List.of("Q:12+7\n", "Q:3*4\n12", "Q:(2+3)*5\n", "Q:9-4\n", "Q:1\n")) {
            prompts.add(tok.encode(s));
        }
        List<int[]> completions = new ArrayList<>();
        for (int[] p : prompts) {
            completions.add(tok.encode("7*6=42\n"));
        }
        for (Precision precision : List.of(Precision.FP32, Precision.BF16)) {
            try (Policy p = Policies.random(shape, tok, 3, DeviceChoice.CPU, precision)) {
                List<Sample> whole = p.sample(prompts, SamplingParams.sampled(1.0, 0.9, 12, 5));
                List<float[]> wholeScores = p.sequenceLogprobs(prompts, completions);
                Qwen2Model.chunkTokens = 20; // two rows of up to 10 tokens per chunk
                List<Sample> chunked = p.sample(prompts, SamplingParams.sampled(1.0, 0.9, 12, 5));
                List<float[]> chunkedScores = p.sequenceLogprobs(prompts, completions);
                Qwen2Model.chunkTokens = Qwen2Model.CHUNK_TOKENS;
                for (int i = 0; i < prompts.size(); i++) {
                    assertArrayEquals(whole.get(i).tokenIds(), chunked.get(i).tokenIds(), precision + " row " + i);
                    assertArrayEquals(whole.get(i).tokenLogprobs(), chunked.get(i).tokenLogprobs(), 1e-5f);
                    assertArrayEquals(wholeScores.get(i), chunkedScores.get(i), 1e-5f);
                }
                assertEquals(prompts.size(), chunked.size());
            }
        }
    }
}
