package org.rmel.verify;

/**
 * Undoes the doubled backslashes of LaTeX that went through a JSON or Python string dump
 * ({@code \\frac{1}{2}}, {@code \\left(}, {@code \\boxed}) while keeping the real row separator
 * {@code \\} of matrices and aligned equations. The rules, per run of backslashes:
 * <ul>
 * <li>an even run of four or more is halved ({@code \\\\} is a dumped row separator);</li>
 * <li>exactly two before a command name of two or more letters is one ({@code \\frac}): a row
 *     separator is followed by a space, a digit, a sign or one letter, never by a word;</li>
 * <li>exactly two before a bracket, brace, {@code $} or {@code %} is one only when the text is
 *     dumped throughout: it has a doubled command and no single-backslash command;</li>
 * <li>everything else (odd runs, {@code \\} before a space, a digit or one letter) is kept.</li>
 * </ul>
 * One pass, linear in the text; text without a doubled backslash is returned as it is.
 */
final class DoubleEscapes {
    private DoubleEscapes() {
    }

    static String undo(String text) {
        if (text.indexOf("\\\\") < 0) {
            return text;
        }
        boolean dumped = dumpedThroughout(text);
        StringBuilder b = new StringBuilder(text.length());
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c != '\\') {
                b.append(c);
                i++;
                continue;
            }
            int run = 0;
            while (i + run < n && text.charAt(i + run) == '\\') {
                run++;
            }
            char next = i + run < n ? text.charAt(i + run) : ' ';
            int keep = run;
            if (run >= 4 && run % 2 == 0) {
                keep = run / 2;
            } else if (run == 2 && wordAt(text, i + run)) {
                keep = 1;
            } else if (run == 2 && dumped && "()[]{}$%,;!".indexOf(next) >= 0) {
                keep = 1;
            }
            for (int k = 0; k < keep; k++) {
                b.append('\\');
            }
            i += run;
        }
        return b.toString();
    }

    /** Two or more ASCII letters start at {@code at}: a command name, not a one-letter variable. */
    private static boolean wordAt(String text, int at) {
        return at + 1 < text.length() && isLetter(text.charAt(at)) && isLetter(text.charAt(at + 1));
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** A doubled command somewhere, and no command written with one backslash. */
    private static boolean dumpedThroughout(String text) {
        boolean doubled = false;
        int n = text.length();
        int i = text.indexOf('\\');
        while (i >= 0 && i < n) {
            int run = 0;
            while (i + run < n && text.charAt(i + run) == '\\') {
                run++;
            }
            if (wordAt(text, i + run) || i + run < n && isLetter(text.charAt(i + run))) {
                if (run == 1) {
                    return false;
                }
                doubled |= run == 2;
            }
            i = text.indexOf('\\', i + run);
        }
        return doubled;
    }
}
