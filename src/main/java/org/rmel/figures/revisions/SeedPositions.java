package org.rmel.figures.revisions;

import org.rmel.run.RevisionAttempt;
import org.rmel.run.RevisionEvent;
import org.rmel.run.TokenOffsets;

/**
 * Where a seed's token boundaries fall in its text, so a cut, an LCP end or a bifurcation point
 * counted in tokens becomes a character offset. Three sources, best first:
 * <ul>
 *   <li>{@link Source#RECORDED}: the byte offsets the trainer wrote ({@code seed_offsets},
 *   {@code prefix_bytes}); exact, whatever the tokenizer;</li>
 *   <li>{@link Source#CHARACTERS}: a run of the built-in character tokenizer written before the
 *   offsets were recorded: one token per character plus a final end-of-sequence token that has no
 *   text, so token i starts at character i; exact;</li>
 *   <li>{@link Source#ESTIMATED}: any other run without offsets: positions spread proportionally
 *   over the text, which can be off by a few characters; shown with a warning.</li>
 * </ul>
 */
public final class SeedPositions {
    /** Where the positions come from. */
    public enum Source {
        RECORDED("exact: token offsets recorded by the trainer"),
        CHARACTERS("exact: one token per character (built-in tokenizer)"),
        ESTIMATED("estimated: this run recorded no token offsets, so positions are spread proportionally over the text "
                + "and may be off by a few characters");

        private final String description;

        Source(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final Source source;
    private final String text;
    private final int tokens;
    /** Character index of each token boundary (RECORDED only). */
    private final int[] chars;

    private SeedPositions(Source source, String text, int tokens, int[] chars) {
        this.source = source;
        this.text = text;
        this.tokens = tokens;
        this.chars = chars;
    }

    /**
     * The best placement for a revision's seed. {@code characterTokenizer}: the run used the built-in
     * one-token-per-character tokenizer (from run.json), which makes old runs exact too.
     */
    public static SeedPositions of(RevisionEvent event, String seedText, boolean characterTokenizer) {
        int n = Math.max(0, event.seedTokens());
        TokenOffsets offsets = event.seedOffsets();
        if (offsets != null && offsets.fits(n, seedText)) {
            return new SeedPositions(Source.RECORDED, seedText, n, offsets.charIndices(seedText));
        }
        boolean oneToOne = n == seedText.length() || n == seedText.length() + 1;
        if (characterTokenizer && oneToOne) {
            return new SeedPositions(Source.CHARACTERS, seedText, n, null);
        }
        return new SeedPositions(Source.ESTIMATED, seedText, n, null);
    }

    public Source source() {
        return source;
    }

    public boolean exact() {
        return source != Source.ESTIMATED;
    }

    /** The seed's length in tokens. */
    public int tokens() {
        return tokens;
    }

    /** Character offset of the boundary before token {@code token} (clamped to 0..tokens). */
    public int charAt(int token) {
        int t = Math.max(0, Math.min(token, tokens));
        return switch (source) {
            case RECORDED -> chars[t];
            case CHARACTERS -> Math.min(t, text.length());
            case ESTIMATED -> tokens == 0 ? 0 : (int) Math.round((double) t * text.length() / tokens);
        };
    }

    /**
     * Characters of the seed an attempt kept: the whole characters within its recorded
     * {@code prefix_bytes} when the trainer wrote them, else the boundary of its cut.
     */
    public int keptChars(RevisionAttempt a) {
        if (source == Source.RECORDED && a.prefixBytes() != null) {
            return TokenOffsets.charIndex(text, a.prefixBytes());
        }
        return charAt(a.cut());
    }
}
