package org.rmel.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rmel.testsupport.SharedData;

/**
 * Token boundaries as byte offsets in the decoded text: exact for the byte-level BPE fixture
 * (including boundaries inside multi-byte characters), the built-in character tokenizer, and the
 * generic prefix-decoding fallback to the character.
 */
class TokenByteOffsetsTest {
    private static final Path BPE = SharedData.sharedDir().resolve("fixtures/tokenizer-bpe384/tokenizer.json");
    /** Accents, a 3-byte minus and arrow, a 4-byte emoji, CJK: none of them merged in a 384-token vocabulary. */
    private static final String TEXT = "Größe: 3·4 − 1 = 11 → 😀, 答案 11.\nSo the answer is $\\frac{22}{2}$.";

    private static HfTokenizer bpe;

    @BeforeAll
    static void load() {
        bpe = HfTokenizer.standalone(BPE, 384, 0, 2);
    }

    @AfterAll
    static void close() {
        bpe.close();
    }

    @Test
    void byteLevelBpeBoundariesAreExactEvenInsideACharacter() {
        int[] ids = bpe.encode(TEXT);
        assertEquals(TEXT, bpe.decode(ids));
        int[] off = bpe.byteOffsets(ids);
        byte[] full = TEXT.getBytes(StandardCharsets.UTF_8);
        assertEquals(ids.length + 1, off.length);
        assertEquals(0, off[0]);
        assertEquals(full.length, off[ids.length]);
        int inside = 0;
        for (int i = 1; i < ids.length; i++) {
            assertTrue(off[i] >= off[i - 1]);
            // The tokenizer's own decoding of the two halves is the lossy decoding of the bytes on each
            // side of the offset: one byte off and a half character would come out differently.
            String head = bpe.decode(Arrays.copyOf(ids, i));
            String tail = bpe.decode(Arrays.copyOfRange(ids, i, ids.length));
            assertEquals(lossy(full, 0, off[i]), head, "prefix of " + i + " tokens");
            assertEquals(lossy(full, off[i], full.length), tail, "suffix after " + i + " tokens");
            if ((full[Math.min(off[i], full.length - 1)] & 0xC0) == 0x80) {
                inside++;
            }
        }
        assertTrue(inside >= 3, "the text must put boundaries inside characters; found " + inside);
    }

    @Test
    void specialTokensAndUnknownIdsTakeNoBytes() {
        int[] text = bpe.encode("x = 5");
        int[] ids = new int[text.length + 3];
        ids[0] = 1; // <s>
        System.arraycopy(text, 0, ids, 1, text.length);
        ids[text.length + 1] = 2; // </s>
        ids[text.length + 2] = 383; // a real id, decoded normally
        int[] off = bpe.byteOffsets(ids);
        assertEquals(0, off[1], "<s> is skipped by decoding");
        assertEquals(off[text.length + 1], off[text.length + 2], "</s> is skipped by decoding");
        assertEquals(bpe.decode(ids).getBytes(StandardCharsets.UTF_8).length, off[ids.length]);
    }

    @Test
    void randomTextsSplitExactlyAndTheFallbackAgreesToTheCharacter() {
        SplittableRandom rnd = new SplittableRandom(11);
        String[] pool = {"a", "7", " ", "\n", "=", "é", "ß", "−", "→", "·", "答", "😀", "the", " answer"};
        Tokenizer fallback = decodingOnly(bpe);
        for (int round = 0; round < 30; round++) {
            StringBuilder sb = new StringBuilder();
            for (int k = 1 + rnd.nextInt(30); k > 0; k--) {
                sb.append(pool[rnd.nextInt(pool.length)]);
            }
            String text = sb.toString();
            int[] ids = bpe.encode(text);
            byte[] full = text.getBytes(StandardCharsets.UTF_8);
            int[] exact = bpe.byteOffsets(ids);
            int[] floor = fallback.byteOffsets(ids);
            assertEquals(full.length, exact[ids.length]);
            for (int i = 0; i <= ids.length; i++) {
                assertEquals(lossy(full, 0, exact[i]), bpe.decode(Arrays.copyOf(ids, i)), text + " boundary " + i);
                // The fallback rounds down to a character start; the exact offset lies in that character.
                assertEquals(charStart(full, exact[i]), floor[i], text + " boundary " + i);
            }
        }
    }

    @Test
    void anyIdSequenceGetsMonotoneOffsetsCoveringItsLossyText() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int round = 0; round < 40; round++) {
            int[] ids = rnd.ints(1 + rnd.nextInt(40), 0, 384).toArray();
            int[] off = bpe.byteOffsets(ids);
            assertEquals(0, off[0]);
            for (int i = 1; i <= ids.length; i++) {
                assertTrue(off[i] >= off[i - 1], Arrays.toString(ids));
            }
            assertEquals(bpe.decode(ids).getBytes(StandardCharsets.UTF_8).length, off[ids.length], Arrays.toString(ids));
        }
    }

    @Test
    void characterTokenizerCountsEachCharacterAndNothingForSpecials() {
        CharTokenizer tok = new CharTokenizer("ab\n é€");
        int[] ids = tok.encode("a é€b");
        int[] withEos = Arrays.copyOf(ids, ids.length + 1);
        withEos[ids.length] = tok.eosId();
        assertArrayEquals(new int[] {0, 1, 2, 4, 7, 8, 8}, tok.byteOffsets(withEos));
        assertArrayEquals(decodingOnly(tok).byteOffsets(withEos), tok.byteOffsets(withEos));
        int[] unknown = tok.encode("aZb");
        assertArrayEquals(new int[] {0, 1, 4, 5}, tok.byteOffsets(unknown), "<unk> decodes to U+FFFD, 3 bytes");
    }

    /** Java's replacement of ill-formed UTF-8, the same maximal-subpart practice as the tokenizers library. */
    private static String lossy(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /** Byte offset of the start of the character holding byte {@code at} of a well-formed UTF-8 text. */
    private static int charStart(byte[] b, int at) {
        int i = Math.min(at, b.length);
        while (i > 0 && i < b.length && (b[i] & 0xC0) == 0x80) {
            i--;
        }
        return i;
    }

    /** Only encode and decode: the interface's default offsets. */
    private static Tokenizer decodingOnly(Tokenizer t) {
        return new Tokenizer() {
            @Override
            public int[] encode(String text) {
                return t.encode(text);
            }

            @Override
            public String decode(int[] ids) {
                return t.decode(ids);
            }

            @Override
            public int vocabSize() {
                return t.vocabSize();
            }

            @Override
            public int padId() {
                return t.padId();
            }

            @Override
            public int eosId() {
                return t.eosId();
            }

            @Override
            public Set<Integer> stepDelimiterIds() {
                return t.stepDelimiterIds();
            }
        };
    }
}
