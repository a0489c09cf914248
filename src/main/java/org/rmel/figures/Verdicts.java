package org.rmel.figures;

import org.rmel.figures.revisions.RevisionRecord;
import org.rmel.verify.Verdict;
import org.rmel.verify.Verifier;

/**
 * The verifier's verdict on a revision, as one line: the log records only verified or not, so the
 * revised trajectory is checked again against the gold answer to recover the reason.
 */
public final class Verdicts {
    private static final Verifier VERIFIER = new Verifier();

    private Verdicts() {
    }

    public static String describe(RevisionRecord r) {
        // The final answer sits in the continuation (the prefix is the failed seed's), so that is what is checked.
        Verdict v = VERIFIER.verify(r.gold(), r.attempt().answer() != null ? r.attempt().answer() : r.attempt().continuation());
        String logged = r.verified() ? "verified" : "not verified";
        String again = v.equal() == r.verified() ? "" : " (re-check disagrees with the log: " + (v.equal() ? "equal" : "not equal") + ")";
        return logged + " — " + v.reason() + again;
    }
}
