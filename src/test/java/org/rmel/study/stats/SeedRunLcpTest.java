package org.rmel.study.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.run.RevisionAttempt;
import org.rmel.run.RevisionEvent;
import org.rmel.testsupport.RunScript;

/**
 * A study's LCP statistics keep the verifier's verdict apart from the acceptance: an attempt that
 * verified but fell under τ_min is the filter's rejection (the study figure used to take every
 * unaccepted attempt as unverified and said "filter rejected 0").
 */
class SeedRunLcpTest {
    @TempDir
    Path tmp;

    @Test
    void aVerifiedAttemptUnderTauMinCountsAsRejectedByTheFilter() {
        Path dir = tmp.resolve("r-mel-s1");
        try (RunScript s = RunScript.create(dir, RunScript.spec("r-mel", 8, 4, 0.3, 1))) {
            s.group(0, "p0", 1, "rollout", 0, 0, 0, 0, 0, 0, 0, 0);
            List<RevisionAttempt> attempts = List.of(
                    new RevisionAttempt(0.7, 7, "a", 5, "42", true, 1, 0.1, false), // verified, LCP 0.1 < 0.3: filtered
                    new RevisionAttempt(0.5, 5, "b", 5, "41", false, 5, 0.5, false), // wrong answer
                    new RevisionAttempt(0.3, 3, "c", 5, "42", true, 7, 0.7, true)); // accepted
            s.writer().append(new RevisionEvent(0, 0, "p0", "t0", 10, -5.0, attempts, 2));
            s.finish();
        }
        SeedRun run = SeedRuns.readNow("r-mel", 1, dir);
        assertEquals(3, run.lcp().size());
        assertEquals(1, run.lcp().stream().filter(p -> p.verified() && !p.accepted()).count(), "filter rejections");
        assertEquals(2, run.lcp().stream().filter(SeedRun.LcpPoint::verified).count(), "verified attempts");
        assertEquals(1, run.lcp().stream().filter(SeedRun.LcpPoint::accepted).count(), "accepted");
    }
}
