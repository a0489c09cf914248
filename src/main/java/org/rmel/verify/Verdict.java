package org.rmel.verify;

/**
 * The result of one verification, with everything needed to show why it came out so.
 *
 * @param equal      whether the prediction matches the gold answer
 * @param goldAnswer the gold answer as extracted (null if empty)
 * @param predAnswer the answer extracted from the prediction (null if none was found)
 * @param goldParsed the parsed gold answer, rendered (null if it did not parse)
 * @param predParsed the parsed predicted answer, rendered (null if it did not parse)
 * @param reason     a short human explanation: the rule that matched, the difference found,
 *                   the parse error, or the limit that was hit (prefixed "limit: ")
 */
public record Verdict(boolean equal, String goldAnswer, String predAnswer, String goldParsed, String predParsed,
        String reason) {

    /** Whether the verdict came from a hard limit (time, depth, size) rather than a comparison. */
    public boolean hitLimit() {
        return reason.startsWith(Verifier.LIMIT_PREFIX);
    }
}
