package org.rmel.train;

import java.util.ArrayList;
import java.util.List;
import org.rmel.method.RevisionMode;
import org.rmel.method.RevisionResult;
import org.rmel.method.Trajectory;
import org.rmel.model.Tokenizer;
import org.rmel.run.RevisionAttempt;
import org.rmel.run.RevisionEvent;
import org.rmel.run.TokenOffsets;

/**
 * Turns a revision search into its {@code revision} event with exact positions: the byte offset
 * of every token boundary of the seed ({@code seed_offsets}) and, per attempt, the kept prefix's
 * byte length ({@code prefix_bytes}) and the continuation as the revision's text after the kept
 * prefix's whole characters. Everything stays counted in the policy's tokens (cut, LCP); the
 * offsets only say where those tokens are in the text, so a reader places every marker exactly
 * and rebuilds the revision's text byte for byte as kept prefix + continuation.
 *
 * <p>With byte-level BPE a cut may fall inside a multi-byte character; that character then goes
 * with the continuation (its first bytes came from the prefix, the rest from the policy), so the
 * logged continuation can differ from the decoded continuation tokens in that one character.
 */
final class RevisionEvents {
    private RevisionEvents() {
    }

    static RevisionEvent of(int step, String promptId, RevisionResult r, Tokenizer tokenizer) {
        Trajectory seed = r.seed().seed();
        TokenOffsets offsets = offsets(seed, tokenizer);
        List<RevisionAttempt> attempts = new ArrayList<>();
        boolean primed = false;
        for (org.rmel.method.RevisionAttempt a : r.attempts()) {
            primed |= a.mode() == RevisionMode.PRIMED;
            attempts.add(a.mode() == RevisionMode.PRIMED ? primed(a) : attempt(a, seed.text(), offsets));
        }
        return new RevisionEvent(0, step, promptId, seed.id(), seed.length(), seed.logprob(), attempts,
                r.acceptedIndex().isPresent() ? r.acceptedIndex().getAsInt() : null, offsets,
                primed ? RevisionEvent.PRIMED : RevisionEvent.FORCED);
    }

    /**
     * A primed attempt: the policy wrote the whole response with the prefix in its prompt, so the
     * continuation is that whole response (every token generated) and there is no kept prefix to
     * rebuild it from.
     */
    private static RevisionAttempt primed(org.rmel.method.RevisionAttempt a) {
        return new RevisionAttempt(a.tau(), a.cut(), a.revisedText(), a.continuationTokens().length, a.answer(),
                a.verified(), a.lcp(), a.lcpRatio(), a.accepted());
    }

    /** The seed's token boundaries, or null if the tokenizer's offsets do not describe its text. */
    static TokenOffsets offsets(Trajectory seed, Tokenizer tokenizer) {
        TokenOffsets o = TokenOffsets.of(tokenizer.byteOffsets(seed.tokens()));
        return o.fits(seed.length(), seed.text()) ? o : null;
    }

    private static RevisionAttempt attempt(org.rmel.method.RevisionAttempt a, String seedText, TokenOffsets offsets) {
        int continuationTokens = a.revisedTokens().length - a.cut();
        if (offsets != null) {
            int prefixBytes = offsets.at(a.cut());
            String kept = seedText.substring(0, TokenOffsets.charIndex(seedText, prefixBytes));
            if (a.revisedText().startsWith(kept)) {
                return new RevisionAttempt(a.tau(), a.cut(), a.revisedText().substring(kept.length()), continuationTokens,
                        a.answer(), a.verified(), a.lcp(), a.lcpRatio(), a.accepted(), prefixBytes);
            }
        }
        // A decoder whose text of a prefix is not a prefix of the whole: no exact split to offer.
        return new RevisionAttempt(a.tau(), a.cut(), a.continuationText(), continuationTokens, a.answer(), a.verified(),
                a.lcp(), a.lcpRatio(), a.accepted());
    }
}
