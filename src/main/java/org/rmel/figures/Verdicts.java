package org.rmel.figures;

import org.rmel.figures.revisions.RevisionRecord;

/** The verifier's verdict on a revision's answer, as one line of text. */
final class Verdicts {
    private Verdicts() {
    }

    static String describe(RevisionRecord r) {
        String answer = r.attempt().answer() == null ? "(no answer extracted)" : r.attempt().answer();
        return (r.verified() ? "verified: " : "not verified: ") + answer + (r.verified() ? " = " : " ≠ ") + r.gold();
    }
}
