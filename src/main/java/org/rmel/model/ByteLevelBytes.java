package org.rmel.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The raw bytes behind every id of a byte-level BPE {@code tokenizer.json} (GPT-2, Qwen2, Llama 3),
 * and the exact token boundaries in a decoded text.
 *
 * <p>Byte-level BPE writes each byte as one printable character (GPT-2's byte-to-unicode table);
 * its decoder maps the characters of all tokens back to bytes, concatenates them and turns the
 * result into text, replacing each ill-formed part by U+FFFD (the "maximal subpart" practice of
 * Unicode, as Rust's {@code String::from_utf8_lossy} does). So a token boundary is a position in
 * that byte string, and it stays exact in the decoded text's UTF-8 — including a boundary inside
 * a multi-byte character; only a boundary inside a replaced part moves to the part's start.
 * Special tokens are skipped by decoding and contribute no bytes; a token string with a character
 * outside the table contributes its own UTF-8 bytes (as the decoder does).
 */
final class ByteLevelBytes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] NONE = new byte[0];

    private final byte[][] bytes;

    private ByteLevelBytes(byte[][] bytes) {
        this.bytes = bytes;
    }

    /** The table of a tokenizer file whose decoder is ByteLevel; empty for any other (or unreadable) file. */
    static Optional<ByteLevelBytes> read(Path tokenizerJson) {
        JsonNode root;
        try {
            root = JSON.readTree(tokenizerJson.toFile());
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null || !isByteLevel(root.path("decoder"))) {
            return Optional.empty();
        }
        JsonNode vocab = root.path("model").path("vocab");
        if (!vocab.isObject()) {
            return Optional.empty();
        }
        Map<Character, Integer> byteOf = unicodeToByte();
        Map<Integer, byte[]> table = new HashMap<>();
        int max = -1;
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int id = e.getValue().asInt(-1);
            if (id >= 0) {
                table.put(id, tokenBytes(e.getKey(), byteOf));
                max = Math.max(max, id);
            }
        }
        for (JsonNode added : root.path("added_tokens")) {
            int id = added.path("id").asInt(-1);
            if (id >= 0) {
                table.put(id, added.path("special").asBoolean(false) ? NONE
                        : tokenBytes(added.path("content").asText(""), byteOf));
                max = Math.max(max, id);
            }
        }
        byte[][] out = new byte[max + 1][];
        table.forEach((id, b) -> out[id] = b);
        return Optional.of(new ByteLevelBytes(out));
    }

    private static boolean isByteLevel(JsonNode decoder) {
        if ("ByteLevel".equals(decoder.path("type").asText())) {
            return true;
        }
        if ("Sequence".equals(decoder.path("type").asText())) {
            JsonNode ds = decoder.path("decoders");
            return ds.size() == 1 && isByteLevel(ds.get(0));
        }
        return false;
    }

    /** The bytes a token string stands for; ids this tokenizer does not know decode to nothing. */
    byte[] bytesOf(int id) {
        return id >= 0 && id < bytes.length && bytes[id] != null ? bytes[id] : NONE;
    }

    /**
     * The boundaries of {@code ids} in the UTF-8 of their decoded text (see the class comment),
     * together with that text as this table decodes it, so a caller can check it against the
     * tokenizer's own decoding.
     */
    Decoded decode(int[] ids) {
        int raw = 0;
        int[] rawEnd = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            raw += bytesOf(ids[i]).length;
            rawEnd[i] = raw;
        }
        byte[] all = new byte[raw];
        int p = 0;
        for (int id : ids) {
            byte[] b = bytesOf(id);
            System.arraycopy(b, 0, all, p, b.length);
            p += b.length;
        }
        // Walk the byte string sequence by sequence; map every raw position to its place in the output.
        int[] outAt = new int[raw + 1];
        StringBuilder text = new StringBuilder();
        int out = 0;
        int i = 0;
        while (i < raw) {
            int len = wellFormedLength(all, i);
            if (len > 0) {
                for (int k = 0; k < len; k++) {
                    outAt[i + k] = out + k;
                }
                text.append(new String(all, i, len, StandardCharsets.UTF_8));
                out += len;
                i += len;
            } else {
                int bad = Math.max(1, -len);
                for (int k = 0; k < bad; k++) {
                    outAt[i + k] = out;
                }
                text.append('\uFFFD');
                out += 3;
                i += bad;
            }
        }
        outAt[raw] = out;
        int[] offsets = new int[ids.length + 1];
        for (int t = 0; t < ids.length; t++) {
            offsets[t + 1] = outAt[rawEnd[t]];
        }
        return new Decoded(text.toString(), offsets);
    }

    record Decoded(String text, int[] offsets) {
    }

    /**
     * Length of the well-formed UTF-8 sequence at {@code i} (positive), or minus the length of the
     * maximal ill-formed subpart there (Unicode 15, table 3-7), which becomes one U+FFFD.
     */
    static int wellFormedLength(byte[] b, int i) {
        int b0 = b[i] & 0xFF;
        if (b0 < 0x80) {
            return 1;
        }
        int need;
        int lo = 0x80;
        int hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            need = 1;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            need = 2;
            if (b0 == 0xE0) {
                lo = 0xA0;
            } else if (b0 == 0xED) {
                hi = 0x9F;
            }
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            need = 3;
            if (b0 == 0xF0) {
                lo = 0x90;
            } else if (b0 == 0xF4) {
                hi = 0x8F;
            }
        } else {
            return -1;
        }
        int k = 1;
        while (k <= need) {
            if (i + k >= b.length) {
                return -k;
            }
            int c = b[i + k] & 0xFF;
            if (c < lo || c > hi) {
                return -k;
            }
            lo = 0x80;
            hi = 0xBF;
            k++;
        }
        return need + 1;
    }

    private static byte[] tokenBytes(String token, Map<Character, Integer> byteOf) {
        byte[] out = new byte[token.length()];
        for (int i = 0; i < token.length(); i++) {
            Integer b = byteOf.get(token.charAt(i));
            if (b == null) {
                return token.getBytes(StandardCharsets.UTF_8);
            }
            out[i] = (byte) (int) b;
        }
        return out;
    }

    /**
     * GPT-2's byte-to-unicode table, inverted: the printable bytes ('!'..'~', '¡'..'¬', '®'..'ÿ')
     * stand for themselves, the other 68 bytes for U+0100, U+0101, … in byte order.
     */
    static Map<Character, Integer> unicodeToByte() {
        Map<Character, Integer> m = new HashMap<>();
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = b >= '!' && b <= '~' || b >= 0xA1 && b <= 0xAC || b >= 0xAE && b <= 0xFF;
            m.put((char) (printable ? b : next++), b);
        }
        return m;
    }
}
