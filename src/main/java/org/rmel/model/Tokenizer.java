package org.rmel.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * Text to token ids and back, for one model. Implementations: {@link CharTokenizer} for the
 * built-in tasks and {@link HfTokenizer} for Hugging Face {@code tokenizer.json} files.
 */
public interface Tokenizer {

    /** Ids of {@code text}, without special tokens added. */
    int[] encode(String text);

    /** Text of {@code ids}; special tokens (pad, bos, eos) are left out. */
    String decode(int[] ids);

    /** Number of ids the model's embedding must cover. */
    int vocabSize();

    /** Id used to left-pad batches; never sampled on purpose. */
    int padId();

    /** End-of-sequence id; sampling stops after it. */
    int eosId();

    /**
     * Ids that end a reasoning step: every token whose text contains a newline. The trainer
     * splits trajectories into steps at these tokens.
     */
    Set<Integer> stepDelimiterIds();

    /**
     * Where each token boundary of {@code ids} falls in {@code decode(ids)}: n + 1 non-decreasing
     * offsets into the decoded text's UTF-8 bytes, 0 first and the text's byte length last; token i
     * contributes bytes [offsets[i], offsets[i + 1]) (none for a special token). Exact for the
     * tokenizers of this project (one character per token; byte-level BPE, where a boundary may
     * fall inside a multi-byte character).
     *
     * <p>This default decodes every prefix and keeps the part it shares with the whole text, so a
     * boundary inside a character is placed before that character (exact to the character for any
     * tokenizer whose decoding of a prefix is a prefix of the whole decoding); it decodes O(n²)
     * tokens, so tokenizers override it.
     */
    default int[] byteOffsets(int[] ids) {
        byte[] full = decode(ids).getBytes(StandardCharsets.UTF_8);
        int[] out = new int[ids.length + 1];
        for (int i = 1; i < ids.length; i++) {
            byte[] p = decode(Arrays.copyOf(ids, i)).getBytes(StandardCharsets.UTF_8);
            int n = Math.min(p.length, full.length);
            int common = 0;
            while (common < n && p[common] == full[common]) {
                common++;
            }
            out[i] = Math.max(out[i - 1], common);
        }
        out[ids.length] = full.length;
        return out;
    }
}
