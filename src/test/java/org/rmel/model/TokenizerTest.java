package org.rmel.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rmel.testsupport.SharedData;

class TokenizerTest {

    private static final Path BPE = SharedData.sharedDir().resolve("fixtures/tokenizer-bpe384");

    @Test
    void byteLevelBpeMatchesTheReferenceIdsAndDecodings() throws Exception {
        JsonNode ref = new ObjectMapper().readTree(BPE.resolve("reference.json").toFile());
        try (HfTokenizer tok = HfTokenizer.standalone(BPE.resolve("tokenizer.json"), 384, 0, 2)) {
            assertTrue(ref.get("samples").size() > 0);
            for (JsonNode s : ref.get("samples")) {
                int[] expected = new int[s.get("ids").size()];
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = s.get("ids").get(i).asInt();
                }
                int[] ids = tok.encode(s.get("text").asText());
                assertArrayEquals(expected, ids, s.get("text").asText());
                assertEquals(s.get("decoded").asText(), tok.decode(ids));
            }
            Set<Integer> delimiters = tok.stepDelimiterIds();
            assertFalse(delimiters.isEmpty());
            for (int id : delimiters) {
                assertTrue(tok.decode(new int[] {id}).contains("\n"));
            }
            for (int id : tok.encode("no newline in here")) {
                assertFalse(delimiters.contains(id));
            }
        }
    }

    @Test
    void longTextsAreNeverTruncated() {
        try (HfTokenizer tok = HfTokenizer.standalone(BPE.resolve("tokenizer.json"), 384, 0, 2)) {
            String text = "Let $x^2 = 49$; find x.\n".repeat(200);
            int[] ids = tok.encode(text);
            assertTrue(ids.length > 2000, "ids: " + ids.length);
            assertEquals(text, tok.decode(ids));
        }
    }

    @Test
    void characterTokenizerRoundTripsAndMarksUnknowns() {
        CharTokenizer tok = new CharTokenizer("0123456789+-*=()\n :#QHCAnswer");
        String text = "Q:(12+3)*4\nH:\n15*4=60\nAnswer: 60\n";
        int[] ids = tok.encode(text);
        assertEquals(text.length(), ids.length);
        assertEquals(text, tok.decode(ids));
        assertEquals(Set.of(tok.encode("\n")[0]), tok.stepDelimiterIds());
        assertEquals(33, tok.vocabSize());
        assertEquals("1\uFFFD2", tok.decode(tok.encode("1z2")));
        assertEquals("12", tok.decode(new int[] {tok.padId(), tok.encode("1")[0], tok.eosId(), tok.encode("2")[0]}));
    }
}
