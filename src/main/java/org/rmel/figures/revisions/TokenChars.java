package org.rmel.figures.revisions;

/**
 * Token position → character offset in a trajectory's text. The log keeps token counts, not token
 * ids. With the built-in character-level tokenizer the two coincide (the count equals the text
 * length) and the mapping is exact; otherwise positions are spread proportionally over the text,
 * which places a marker within a token or two of the true boundary.
 */
record TokenChars(int tokens, int chars) {
    boolean exact() {
        return tokens == chars;
    }

    int toChar(int token) {
        if (tokens <= 0) {
            return 0;
        }
        int t = Math.max(0, Math.min(token, tokens));
        return exact() ? t : (int) Math.round((double) t * chars / tokens);
    }
}
