package org.rmel.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.rmel.base.BadInputException;

/**
 * One token per character, for the built-in synthetic tasks: ids 0..3 are {@code <pad>},
 * {@code <s>}, {@code </s>} and {@code <unk>}, then one id per character of the alphabet.
 * Characters outside the alphabet become {@code <unk>}.
 */
public final class CharTokenizer implements Tokenizer {

    /** Saved beside a checkpoint's weights; its presence selects this tokenizer on load. */
    public static final String FILE_NAME = "rmel-char-tokenizer.json";
    static final int PAD = 0;
    static final int BOS = 1;
    static final int EOS = 2;
    static final int UNK = 3;
    private static final int SPECIALS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String alphabet;
    private final Map<Character, Integer> ids = new HashMap<>();
    private final int newlineId;

    public CharTokenizer(String alphabet) {
        this.alphabet = alphabet;
        for (int i = 0; i < alphabet.length(); i++) {
            if (ids.put(alphabet.charAt(i), SPECIALS + i) != null) {
                throw new IllegalArgumentException("alphabet repeats '" + alphabet.charAt(i) + "'");
            }
        }
        Integer nl = ids.get('\n');
        if (nl == null) {
            throw new IllegalArgumentException("alphabet must contain a newline (it ends reasoning steps)");
        }
        newlineId = nl;
    }

    /** Newline plus printable ASCII: enough for arithmetic, words and answers. */
    public static CharTokenizer printableAscii() {
        StringBuilder sb = new StringBuilder("\n");
        for (char c = 32; c < 127; c++) {
            sb.append(c);
        }
        return new CharTokenizer(sb.toString());
    }

    @Override
    public int[] encode(String text) {
        int[] out = new int[text.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.getOrDefault(text.charAt(i), UNK);
        }
        return out;
    }

    @Override
    public String decode(int[] tokens) {
        StringBuilder sb = new StringBuilder(tokens.length);
        for (int id : tokens) {
            if (id >= SPECIALS && id < SPECIALS + alphabet.length()) {
                sb.append(alphabet.charAt(id - SPECIALS));
            } else if (id == UNK) {
                sb.append('\uFFFD');
            }
        }
        return sb.toString();
    }

    /** Exact: each alphabet character's UTF-8 width, 3 bytes for {@code <unk>}'s U+FFFD, none for specials. */
    @Override
    public int[] byteOffsets(int[] tokens) {
        int[] out = new int[tokens.length + 1];
        for (int i = 0; i < tokens.length; i++) {
            int id = tokens[i];
            int width;
            if (id >= SPECIALS && id < SPECIALS + alphabet.length()) {
                width = String.valueOf(alphabet.charAt(id - SPECIALS)).getBytes(StandardCharsets.UTF_8).length;
            } else {
                width = id == UNK ? 3 : 0;
            }
            out[i + 1] = out[i] + width;
        }
        return out;
    }

    @Override
    public int vocabSize() {
        return SPECIALS + alphabet.length();
    }

    @Override
    public int padId() {
        return PAD;
    }

    @Override
    public int eosId() {
        return EOS;
    }

    public int bosId() {
        return BOS;
    }

    @Override
    public Set<Integer> stepDelimiterIds() {
        return Set.of(newlineId);
    }

    void save(Path file) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", "char");
        o.putArray("specials").add("<pad>").add("<s>").add("</s>").add("<unk>");
        o.put("alphabet", alphabet);
        try {
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o));
        } catch (IOException e) {
            throw org.rmel.base.IoFaults.wrap(file + ": cannot write", e);
        }
    }

    static CharTokenizer read(Path file) {
        try {
            JsonNode o = JSON.readTree(Files.readString(file));
            JsonNode a = o == null ? null : o.get("alphabet");
            if (a == null || !a.isTextual()) {
                throw new BadInputException(file + ": key 'alphabet' must be a string");
            }
            return new CharTokenizer(a.asText());
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file + ": " + e.getMessage());
        }
    }
}
