package org.rmel.verify;

/** One lexical unit of a normalised answer. */
record Token(Kind kind, String text, boolean spaceBefore) {
    enum Kind {
        /** a decimal literal, possibly with exponent: 12, .5, 4.5e33 */
        NUM,
        /** a single letter variable */
        LETTER,
        /** a known function: sin, log, sqrt, ... (canonical name) */
        FUNC,
        /** any other backslash command, without the backslash */
        CMD,
        /** a one-character operator or bracket; relations use the symbols ≤ ≥ ≠ ∈ */
        OP,
        /** \{ */
        LSET,
        /** \} */
        RSET,
        /** \\ between matrix rows */
        ROWSEP,
        /** \begin{ENV}; text is ENV */
        BEGIN,
        /** \end{ENV}; text is ENV */
        END_ENV,
        EOF
    }

    boolean is(String op) {
        return kind == Kind.OP && text.equals(op);
    }
}
