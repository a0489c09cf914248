package org.rmel.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rmel.figures.data.AnnotatedRevision;
import org.rmel.figures.revisions.RevisionCatalog;
import org.rmel.figures.revisions.RevisionRecord;
import org.rmel.verify.Verdict;
import org.rmel.verify.Verifier;

/**
 * The shipped sample runs' revisions are shown exactly, whether they were written before the
 * trainer recorded token offsets (built-in tokenizer: one token per character) or after: the
 * revision text the workbench rebuilds is the one the trainer verified, so the verifier extracts
 * the logged answer from it and reaches the logged verdict. Off by one character, "Answer: 8"
 * became "Answr: 8" and no answer could be found.
 *
 * <p>The one exception in old runs: a seed in which the model sampled a special token mid-text
 * (it decodes to nothing, so tokens and characters no longer pair up and the run did not record
 * where). Those are shown as estimated, and say so.
 */
class SampleRevisionsTest {
    private static final Verifier VERIFIER = new Verifier();

    @ParameterizedTest
    @ValueSource(strings = {"r-mel", "r-mel-no-prefix", "r-mel-b1", "r-mel-adaptive"})
    void everySampleRevisionIsTheTextTheTrainerVerified(String condition) {
        RevisionCatalog c = RevisionCatalog.read(Path.of("sample-runs", condition));
        assertFalse(c.attempts().isEmpty(), condition);
        int estimated = 0;
        for (RevisionRecord r : c.attempts()) {
            AnnotatedRevision a = r.annotate(c.schedule(), "");
            if (!a.exactPositions()) {
                int hidden = r.event().seedTokens() - r.seedText().length();
                assertTrue(r.event().seedOffsets() == null && hidden > 1, r.label() + ": " + a.positions());
                assertTrue(a.positions().startsWith("estimated"));
                estimated++;
                continue;
            }
            // Forced: the revision starts with the kept prefix; primed: it is the whole new response.
            assertEquals(a.seedText().substring(0, a.keptInRevision()), a.revisionText().substring(0, a.keptInRevision()));
            Verdict v = VERIFIER.verify(r.gold(), a.revisionText());
            String label = condition + " " + r.label() + ": " + a.revisionText();
            String logged = r.attempt().answer();
            String read = v.predAnswer() == null ? "" : v.predAnswer();
            // the runs were logged before the verifier took Math-Verify's extraction order (issue 17):
            // where that changed the reading of a garbled line ("Answer: nswer: 3" is now its number 3,
            // "0+3" the expression ending the text), the two readings still overlap, and the verdict
            // is the logged one on every sample attempt
            boolean overlap = !read.isEmpty() && !logged.isEmpty() && (logged.contains(read) || read.contains(logged));
            assertTrue(read.equals(logged) || overlap, label + ": logged answer " + logged + ", read " + read);
            if (read.equals(logged)) {
                // the same reading must give the same verdict; a reading the newer verifier changed may not
                assertEquals(r.verified(), v.equal(), label);
            }
        }
        assertTrue(estimated * 50 < c.attempts().size(), condition + ": " + estimated + " estimated");
    }
}
