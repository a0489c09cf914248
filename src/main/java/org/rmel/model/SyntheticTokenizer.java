package org.rmel.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A byte-level BPE {@code tokenizer.json} (Hugging Face tokenizers format, GPT-2's byte alphabet as
 * Qwen2's) with exactly {@code regular} ordinary tokens: the 256 bytes, then every pair of bytes,
 * then byte pairs followed by a byte, merged in that order, and the given special tokens after
 * them. Any text encodes (bytes are in the vocabulary) and any id decodes, so a random model of a
 * released shape can run the whole trainer before a real checkpoint is downloaded.
 */
public final class SyntheticTokenizer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SyntheticTokenizer() {
    }

    /** GPT-2's reversible byte-to-character table (printable bytes map to themselves). */
    static String[] byteAlphabet() {
        String[] out = new String[256];
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            out[b] = new String(Character.toChars(printable ? b : 256 + extra++));
        }
        return out;
    }

    /**
     * Writes the tokenizer; special tokens get ids {@code regular}, {@code regular + 1}, ...
     *
     * @param regular ordinary tokens, at least 256 and at most 256 + 256² + 256³
     */
    public static void write(Path file, int regular, List<String> specials) {
        if (regular < 256) {
            throw new IllegalArgumentException("a byte-level vocabulary needs at least 256 tokens, got " + regular);
        }
        String[] bytes = byteAlphabet();
        ObjectNode vocab = JSON.createObjectNode();
        ArrayNode merges = JSON.createArrayNode();
        List<String> pairs = new ArrayList<>();
        int id = 0;
        for (String b : bytes) {
            vocab.put(b, id++);
        }
        for (int a = 0; a < 256 && id < regular; a++) {
            for (int b = 0; b < 256 && id < regular; b++) {
                vocab.put(bytes[a] + bytes[b], id++);
                merges.add(bytes[a] + " " + bytes[b]);
                pairs.add(bytes[a] + bytes[b]);
            }
        }
        for (int p = 0; p < pairs.size() && id < regular; p++) {
            for (int c = 0; c < 256 && id < regular; c++) {
                vocab.put(pairs.get(p) + bytes[c], id++);
                merges.add(pairs.get(p) + " " + bytes[c]);
            }
        }
        if (id < regular) {
            throw new IllegalArgumentException("at most " + id + " ordinary tokens can be made this way, not " + regular);
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int i = 0; i < specials.size(); i++) {
            added.addObject().put("id", regular + i).put("content", specials.get(i)).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
        }
        root.putNull("normalizer");
        root.putObject("pre_tokenizer").put("type", "ByteLevel").put("add_prefix_space", false)
                .put("trim_offsets", false).put("use_regex", true);
        root.putNull("post_processor");
        root.putObject("decoder").put("type", "ByteLevel").put("add_prefix_space", false)
                .put("trim_offsets", false).put("use_regex", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.set("vocab", vocab);
        model.set("merges", merges);
        try {
            JSON.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw org.rmel.base.IoFaults.wrap(file + ": cannot write", e);
        }
    }
}
