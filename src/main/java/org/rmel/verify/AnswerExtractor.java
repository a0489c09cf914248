package org.rmel.verify;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the final answer in free model output, in this order: the last {@code \boxed{...}} or
 * {@code \fbox{...}}; the last {@code Answer: ...} line (the DAPO prompt convention); the last
 * math segment {@code $$...$$}, {@code \[...\]}, {@code \(...\)} or {@code $...$}; the whole
 * text when it is a bare expression rather than prose; the last number. Every scan is a single
 * forward or backward pass, so a 1 MB output costs milliseconds.
 */
final class AnswerExtractor {
    /** Function names, which are not words of prose. */
    private static final Set<String> FUNCTION_WORDS = Set.copyOf(Lexer.FUNCTION_WORDS);

    private static final Pattern UNESCAPED_DOLLAR = Pattern.compile("(?<!\\\\)\\$");

    private AnswerExtractor() {
    }

    /** The answer a model wrote, or null when there is none. */
    static String fromOutput(String text) {
        String boxed = lastBoxed(text);
        if (boxed != null) {
            return boxed;
        }
        String line = answerLine(text);
        if (line != null) {
            return line;
        }
        String trimmed = text.trim();
        if (trimmed.length() > 1 && trimmed.charAt(0) == '$' && trimmed.charAt(trimmed.length() - 1) == '$') {
            // "$69$,$84$" or "$f(n)=n$, $g(n)=1$": an answer written as several math segments
            String joined = trimmed.replace("$", "");
            if (!isProse(joined)) {
                return joined.trim();
            }
        }
        String math = lastMathSegment(text);
        if (math != null) {
            return math;
        }
        if (!trimmed.isEmpty() && !isProse(trimmed) && !isCountWithWord(trimmed)) {
            return trimmed;
        }
        return lastNumber(text);
    }

    /** A gold answer: bare, in $...$, or (for convenience) boxed. */
    static String fromGold(String gold) {
        String boxed = lastBoxed(gold);
        String s = (boxed != null ? boxed : gold);
        if (s.indexOf('$') >= 0) {
            s = UNESCAPED_DOLLAR.matcher(s).replaceAll("");
        }
        s = s.trim();
        return s.isEmpty() ? null : s;
    }

    /** The content of the last {@code \\boxed} or {@code \\fbox}; only the last one counts. */
    static String lastBoxed(String text) {
        int boxed = text.lastIndexOf("\\boxed");
        int fbox = text.lastIndexOf("\\fbox");
        int at = Math.max(boxed, fbox);
        if (at < 0) {
            return null;
        }
        int i = at + (at == boxed ? 6 : 5);
        int afterName = i;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        if (i < text.length() && text.charAt(i) == '{') {
            int close = matchingBrace(text, i);
            String inner = close > 0 ? text.substring(i + 1, close).trim() : "";
            return inner.isEmpty() ? null : inner;
        }
        if (i == afterName) {
            return null;
        }
        // "\\boxed 5": the argument is the next word
        int end = i;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '$') {
            end++;
        }
        return end > i ? text.substring(i, end) : null;
    }

    /** Index of the brace closing the one at {@code open}, or -1 when unbalanced. */
    private static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++; // an escaped brace \{ does not count
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String answerLine(String text) {
        int at = text.lastIndexOf("nswer:");
        while (at > 0) {
            char c = text.charAt(at - 1);
            if (c == 'A' || c == 'a') {
                int start = at + 6;
                int end = text.indexOf('\n', start);
                String line = stripMarkdown(text.substring(start, end < 0 ? text.length() : end));
                if (!line.isEmpty()) {
                    String math = lastMathSegment(line);
                    return math != null ? math : line;
                }
            }
            at = text.lastIndexOf("nswer:", at - 1);
        }
        return null;
    }

    /** "**Answer:** 42": bold markers around the answer are not part of it. */
    private static String stripMarkdown(String line) {
        int from = 0;
        int to = line.length();
        while (from < to && (line.charAt(from) == '*' || Character.isWhitespace(line.charAt(from)))) {
            from++;
        }
        while (to > from && (line.charAt(to - 1) == '*' || Character.isWhitespace(line.charAt(to - 1)))) {
            to--;
        }
        return line.substring(from, to);
    }

    /** Content of the last complete math segment, scanning left to right once. */
    static String lastMathSegment(String text) {
        String last = null;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char d = text.charAt(i + 1);
                String closer = d == '(' ? "\\)" : d == '[' ? "\\]" : null;
                if (closer == null) {
                    i += 2; // skips escapes such as \$
                    continue;
                }
                int j = text.indexOf(closer, i + 2);
                if (j < 0) {
                    break;
                }
                last = text.substring(i + 2, j);
                i = j + 2;
            } else if (c == '$') {
                boolean display = i + 1 < n && text.charAt(i + 1) == '$';
                int from = i + (display ? 2 : 1);
                int j = display ? text.indexOf("$$", from) : unescapedDollar(text, from);
                if (j < 0) {
                    break;
                }
                last = text.substring(from, j);
                i = j + (display ? 2 : 1);
            } else {
                i++;
            }
        }
        if (last == null || last.isBlank()) {
            return null;
        }
        return last.trim();
    }

    private static int unescapedDollar(String text, int from) {
        int j = text.indexOf('$', from);
        while (j > 0 && text.charAt(j - 1) == '\\') {
            j = text.indexOf('$', j + 1);
        }
        return j;
    }

    /**
     * Prose has two words in a row, separated by spaces only ("The answer is 5"), where a word
     * has two or more letters and is neither a command nor a function name. Formulas such as
     * "MR=SRMC", "\\frac{dM}{dt}" or "x \\in [0, 1]" have no such pair.
     */
    static boolean isProse(String text) {
        int i = 0;
        int n = text.length();
        int previousWordEnd = -2;
        while (i < n) {
            char c = text.charAt(i);
            if (c < 128 && Character.isLetter(c)) {
                int start = i;
                while (i < n && text.charAt(i) < 128 && Character.isLetter(text.charAt(i))) {
                    i++;
                }
                boolean command = isCommandName(text, start);
                boolean word = !command && i - start >= 2 && !FUNCTION_WORDS.contains(text.substring(start, i));
                if (word) {
                    if (previousWordEnd >= 0 && onlySpaces(text, previousWordEnd, start)) {
                        return true;
                    }
                    previousWordEnd = i;
                } else {
                    previousWordEnd = -2;
                }
            } else {
                if (!Character.isWhitespace(c)) {
                    previousWordEnd = -2;
                }
                i++;
            }
        }
        return false;
    }

    /**
     * "5 apples": a number next to a plain word of three or more letters is not a formula. Words
     * inside braces ({@code \\text{ degrees}}, subscripts) are left to the normaliser.
     */
    static boolean isCountWithWord(String text) {
        boolean digit = false;
        boolean word = false;
        int depth = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
                i++;
            } else if (c < 128 && Character.isLetter(c)) {
                int start = i;
                while (i < n && text.charAt(i) < 128 && Character.isLetter(text.charAt(i))) {
                    i++;
                }
                word |= depth == 0 && !isCommandName(text, start) && i - start >= 3
                        && !FUNCTION_WORDS.contains(text.substring(start, i));
            } else {
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                i++;
            }
        }
        return digit && word;
    }

    /** A letter run that is a command or an environment name (\\frac, \\begin{pmatrix}). */
    private static boolean isCommandName(String text, int start) {
        return start > 0 && text.charAt(start - 1) == '\\'
                || start >= 7 && text.startsWith("\\begin{", start - 7)
                || start >= 5 && text.startsWith("\\end{", start - 5);
    }

    private static boolean onlySpaces(String text, int from, int to) {
        if (from == to) {
            return false;
        }
        for (int k = from; k < to; k++) {
            if (!Character.isWhitespace(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** The last number in the text, with its sign and decimals; null when there is none. */
    static String lastNumber(String text) {
        int end = text.length() - 1;
        while (end >= 0 && !Character.isDigit(text.charAt(end))) {
            end--;
        }
        if (end < 0) {
            return null;
        }
        int start = end;
        while (start > 0) {
            char c = text.charAt(start - 1);
            if (Character.isDigit(c)
                    || (c == '.' || c == ',') && start >= 2 && Character.isDigit(text.charAt(start - 2))) {
                start--;
            } else {
                break;
            }
        }
        if (start > 0 && text.charAt(start - 1) == '.') {
            start--;
        }
        if (start > 0 && text.charAt(start - 1) == '-') {
            start--;
        }
        return text.substring(start, end + 1);
    }
}
