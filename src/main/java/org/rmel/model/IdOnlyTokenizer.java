package org.rmel.model;

import java.util.Set;
import org.rmel.base.BadInputException;

/**
 * Stands in for a tokenizer when a model folder has none: prompts must be given as ids, and
 * text shows each id as {@code <id>} so output stays readable and unambiguous.
 */
final class IdOnlyTokenizer implements Tokenizer {
    private final String folder;
    private final int vocabSize;
    private final int padId;
    private final int eosId;

    IdOnlyTokenizer(String folder, int vocabSize, int padId, int eosId) {
        this.folder = folder;
        this.vocabSize = vocabSize;
        this.padId = padId;
        this.eosId = eosId;
    }

    @Override
    public int[] encode(String text) {
        throw new BadInputException(folder + ": has no tokenizer.json, so text cannot be encoded; give token ids");
    }

    @Override
    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            sb.append('<').append(id).append('>');
        }
        return sb.toString();
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public int padId() {
        return padId;
    }

    @Override
    public int eosId() {
        return eosId;
    }

    @Override
    public Set<Integer> stepDelimiterIds() {
        return Set.of();
    }
}
