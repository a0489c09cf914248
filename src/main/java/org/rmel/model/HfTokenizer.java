package org.rmel.model;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rmel.base.BadInputException;

/** A Hugging Face {@code tokenizer.json} through DJL's tokenizers binding. */
public final class HfTokenizer implements Tokenizer, AutoCloseable {

    public static final String FILE_NAME = "tokenizer.json";

    private final HuggingFaceTokenizer hf;
    private final Path file;
    private final int vocabSize;
    private final int padId;
    private final int eosId;
    private Set<Integer> stepDelimiters;
    private Optional<ByteLevelBytes> byteLevel;

    /**
     * @param vocabSize the model's vocabulary (config.json), which may exceed the tokenizer's
     * @param padId id for padding; the eos id serves when the model names none
     */
    HfTokenizer(Path file, int vocabSize, int padId, int eosId) {
        DjlSetup.configure();
        try {
            this.hf = HuggingFaceTokenizer.newInstance(file,
                    Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file + ": cannot load tokenizer: " + e.getMessage(), e);
        }
        this.file = file;
        this.vocabSize = vocabSize;
        this.eosId = eosId;
        this.padId = padId >= 0 ? padId : eosId;
    }

    /** Loads a tokenizer file on its own (tokenizer tests); ids come from its special tokens. */
    public static HfTokenizer standalone(Path file, int vocabSize, int padId, int eosId) {
        return new HfTokenizer(file, vocabSize, padId, eosId);
    }

    Path file() {
        return file;
    }

    @Override
    public int[] encode(String text) {
        long[] ids = hf.encode(text, false, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) ids[i];
        }
        return out;
    }

    @Override
    public String decode(int[] ids) {
        long[] l = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            l[i] = ids[i];
        }
        return hf.decode(l, true);
    }

    /**
     * Exact for byte-level BPE (from the token bytes, checked against this tokenizer's own decoding);
     * any other tokenizer file takes the interface's prefix-decoding default.
     */
    @Override
    public int[] byteOffsets(int[] ids) {
        Optional<ByteLevelBytes> table;
        synchronized (this) {
            if (byteLevel == null) {
                byteLevel = ByteLevelBytes.read(file);
            }
            table = byteLevel;
        }
        if (table.isPresent()) {
            ByteLevelBytes.Decoded d = table.get().decode(ids);
            if (d.text().equals(decode(ids))) {
                return d.offsets();
            }
        }
        return Tokenizer.super.byteOffsets(ids);
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

    /** Found once by decoding every id on its own and keeping those whose text has a newline. */
    @Override
    public synchronized Set<Integer> stepDelimiterIds() {
        if (stepDelimiters == null) {
            long[][] single = new long[vocabSize][];
            for (int i = 0; i < vocabSize; i++) {
                single[i] = new long[] {i};
            }
            String[] texts = hf.batchDecode(single, true);
            Set<Integer> found = new HashSet<>();
            for (int i = 0; i < texts.length; i++) {
                if (texts[i].indexOf('\n') >= 0) {
                    found.add(i);
                }
            }
            stepDelimiters = Set.copyOf(found);
        }
        return stepDelimiters;
    }

    @Override
    public void close() {
        hf.close();
    }
}
