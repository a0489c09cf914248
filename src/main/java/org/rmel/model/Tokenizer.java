package org.rmel.model;

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
}
