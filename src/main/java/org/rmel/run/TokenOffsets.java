package org.rmel.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * Where the token boundaries of a trajectory fall in its text, as byte offsets into the text's
 * UTF-8 encoding: for n tokens, n + 1 non-decreasing offsets, the first 0 and the last the length
 * of the whole text in bytes. Token i covers bytes [{@code at(i)}, {@code at(i + 1)}); a special
 * token that decodes to nothing (end of sequence) covers no bytes.
 *
 * <p>Bytes, not characters, because a byte-level BPE token may end inside a multi-byte UTF-8
 * character: the byte offset is still exact. {@link #charIndex} turns a byte offset into a Java
 * string index, rounding down to the start of a character the boundary splits.
 *
 * <p>Written as a plain JSON array of integers.
 */
public final class TokenOffsets {
    private final int[] offsets;

    private TokenOffsets(int[] offsets) {
        this.offsets = offsets;
    }

    /** Checks the shape: at least one entry, starting at 0, never decreasing. */
    @JsonCreator
    public static TokenOffsets of(int[] offsets) {
        if (offsets == null || offsets.length == 0) {
            throw new IllegalArgumentException("token offsets need at least the offset 0");
        }
        if (offsets[0] != 0) {
            throw new IllegalArgumentException("token offsets must start at 0, got " + offsets[0]);
        }
        for (int i = 1; i < offsets.length; i++) {
            if (offsets[i] < offsets[i - 1]) {
                throw new IllegalArgumentException("token offsets must not decrease: " + offsets[i - 1] + " then "
                        + offsets[i] + " at token " + i);
            }
        }
        return new TokenOffsets(offsets.clone());
    }

    @JsonValue
    public int[] toArray() {
        return offsets.clone();
    }

    /** Number of tokens (one less than the number of offsets). */
    public int tokens() {
        return offsets.length - 1;
    }

    /** Byte offset of the boundary before token {@code token}; {@code tokens()} gives the end. */
    public int at(int token) {
        return offsets[token];
    }

    /** The text's length in UTF-8 bytes. */
    public int bytes() {
        return offsets[offsets.length - 1];
    }

    /** Whether these offsets can describe {@code text}: n tokens and the text's UTF-8 length. */
    public boolean fits(int tokens, String text) {
        return tokens() == tokens && bytes() == utf8Length(text);
    }

    /**
     * The index into {@code text} (UTF-16, as Java counts) of the character containing UTF-8 byte
     * {@code byteOffset}, or {@code text.length()} at or past the end: a boundary that splits a
     * multi-byte character is placed before that character.
     */
    public static int charIndex(String text, int byteOffset) {
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int width = utf8Width(cp);
            if (bytes + width > byteOffset) {
                return i;
            }
            bytes += width;
            i += Character.charCount(cp);
        }
        return text.length();
    }

    /** {@link #charIndex} of every boundary at once, in one pass over the text. */
    public int[] charIndices(String text) {
        int[] out = new int[offsets.length];
        int bytes = 0;
        int i = 0;
        for (int k = 0; k < offsets.length; k++) {
            while (i < text.length()) {
                int cp = text.codePointAt(i);
                int width = utf8Width(cp);
                if (bytes + width > offsets[k]) {
                    break;
                }
                bytes += width;
                i += Character.charCount(cp);
            }
            out[k] = i;
        }
        return out;
    }

    /** Length of {@code text} in UTF-8 bytes (an unpaired surrogate, which JSON text cannot hold, counts 3). */
    public static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            bytes += utf8Width(cp);
            i += Character.charCount(cp);
        }
        return bytes;
    }

    private static int utf8Width(int cp) {
        if (cp < 0x80) {
            return 1;
        }
        if (cp < 0x800) {
            return 2;
        }
        return cp < 0x10000 ? 3 : 4;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenOffsets t && Arrays.equals(offsets, t.offsets);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(offsets);
    }

    @Override
    public String toString() {
        return "TokenOffsets" + Arrays.toString(offsets);
    }
}
