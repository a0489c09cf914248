package org.rmel.figures.revisions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rmel.figures.data.TextSpan;

class WordDiffTest {
    private static String marked(String text, List<TextSpan> spans, String role) {
        StringBuilder sb = new StringBuilder();
        for (TextSpan s : spans) {
            if (s.roles().contains(role)) {
                sb.append('[').append(text, s.start(), s.end()).append(']');
            }
        }
        return sb.toString();
    }

    @Test
    void changedNumbersLightUpAloneOnEachSide() {
        String seed = "Step 3: 126 - 9 = 116. The answer is 116.";
        String rev = "Step 3: 126 - 9 = 117. The answer is 117.";
        WordDiff.Result d = WordDiff.diff(seed, rev);
        assertEquals("[116][116]", marked(seed, d.left(), WordDiff.DELETE));
        assertEquals("[117][117]", marked(rev, d.right(), WordDiff.INSERT));
        assertEquals(seed.length(), d.left().get(d.left().size() - 1).end(), "spans cover the whole text");
    }

    @Test
    void unifiedTextHasDeletionThenInsertionInPlace() {
        WordDiff.Result d = WordDiff.diff("a = 41", "a = 42");
        assertEquals("a = 4142", d.unified());
        assertEquals("[41]", marked(d.unified(), d.unifiedSpans(), WordDiff.DELETE));
        assertEquals("[42]", marked(d.unified(), d.unifiedSpans(), WordDiff.INSERT));
        assertEquals(List.of(new TextSpan(0, 4, Set.of()), new TextSpan(4, 6, Set.of(WordDiff.DELETE)),
                new TextSpan(6, 8, Set.of(WordDiff.INSERT))), d.unifiedSpans());
    }
}
