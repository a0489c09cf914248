package org.rmel.verify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the answer in free model output the way Math-Verify ranks its matches: candidates in
 * priority groups, and within a group the one that ends last first; the verifier takes the first
 * candidate that parses. The groups, highest priority first:
 * <ol>
 * <li>"final answer ... is" (within 100 characters) followed by math, {@code \boxed{}} or a bare
 *     answer;</li>
 * <li>every {@code \boxed{}} / {@code \fbox{}} of the output, joined into one list (several boxed
 *     answers are compared as a set);</li>
 * <li>"Answer:" (also {@code **Answer**:}, {@code \text{Answer: }}) and "the answer is", followed
 *     within 50 characters by math, or by a bare answer on that line (the DAPO convention);</li>
 * <li>each math segment, the last first: {@code $$..$$}, {@code \[..\]}, {@code $..$} (one line,
 *     not after a digit: "5$" is money), {@code \(..\)}, {@code align}/{@code equation}/{@code gather}
 *     environments, and an unclosed final {@code $} up to the end of its line;</li>
 * <li>the whole output when it is a bare formula rather than prose;</li>
 * <li>the last number written in prose (not an exponent or an index), with a percent word.</li>
 * </ol>
 * Doubled backslashes of JSON-dumped LaTeX are undone first ({@link DoubleEscapes}). Every scan
 * is linear (closing delimiters that do not exist are remembered), so a 1 MB output costs
 * milliseconds.
 */
final class AnswerExtractor {
    /** Math segments tried, the last first, before giving up on that group. */
    private static final int MAX_SEGMENTS_TRIED = 12;
    /** How far after "final answer" its "is" may come (Math-Verify's window). */
    private static final int FINAL_ANSWER_WINDOW = 100;
    /** How far after "Answer:" the math may start (Math-Verify's window). */
    private static final int ANSWER_WINDOW = 50;
    /** Anchors of one kind followed, the last first; a few are enough to find one that parses. */
    private static final int MAX_ANCHORS = 6;
    /** Longest bare answer read after an anchor, up to the end of its line or sentence. */
    private static final int MAX_BARE_ANSWER = 2_000;
    private static final String[] ENVIRONMENTS = {
        "align*", "align", "aligned", "equation*", "equation", "gather*", "gather", "eqnarray*", "eqnarray",
        "multline*", "multline"};

    private static final Pattern UNESCAPED_DOLLAR = Pattern.compile("(?<!\\\\)\\$");

    private AnswerExtractor() {
    }

    /** A math segment: where it starts and ends in the text, and its content. */
    record Segment(int start, int end, String content) {
    }

    /** Candidate answers of a model output, best first, without duplicates; empty when there is none. */
    static List<String> candidates(String output) {
        Candidates c = new Candidates(output, null);
        List<String> all = new ArrayList<>();
        for (String next = c.next(); next != null; next = c.next()) {
            all.add(next);
        }
        return all;
    }

    /**
     * The candidates of one output, group by group as they are asked for: most outputs are
     * settled by their first group, so the later scans are skipped. The budget's clock is read
     * between the scans (each linear in the output), so a huge output stops at the time limit.
     */
    static final class Candidates {
        private static final int GROUPS = 6;
        private final String text;
        private final Budget budget;
        private final Set<String> seen = new HashSet<>();
        private final ArrayDeque<String> pending = new ArrayDeque<>();
        private List<Segment> segments;
        private int group;

        Candidates(String output, Budget budget) {
            this.text = DoubleEscapes.undo(output);
            this.budget = budget;
        }

        /** The next candidate, or null when there is none left. */
        String next() {
            while (pending.isEmpty() && group < GROUPS) {
                if (budget != null) {
                    budget.checkClock();
                }
                Set<String> out = new LinkedHashSet<>();
                fill(group++, out);
                for (String c : out) {
                    if (seen.add(c)) {
                        pending.add(c);
                    }
                }
            }
            return pending.poll();
        }

        private List<Segment> segments() {
            if (segments == null) {
                segments = AnswerExtractor.segments(text);
            }
            return segments;
        }

        private void fill(int which, Set<String> out) {
            switch (which) {
                case 0 -> finalAnswer(text, segments(), out);
                case 1 -> addContent(allBoxed(text), out);
                case 2 -> answerAnchors(text, segments(), out);
                case 3 -> mathSegments(out);
                case 4 -> bareFormula(out);
                default -> {
                    String number = lastNumber(text);
                    if (number != null) {
                        out.add(number);
                    }
                }
            }
        }

        private void mathSegments(Set<String> out) {
            String trimmed = text.trim();
            if (trimmed.length() > 1 && trimmed.length() <= MAX_BARE_ANSWER && trimmed.charAt(0) == '$'
                    && trimmed.charAt(trimmed.length() - 1) == '$') {
                // "$69$,$84$" or "$f(n)=n$, $g(n)=1$": a bare answer written as several math segments
                String joined = UNESCAPED_DOLLAR.matcher(trimmed).replaceAll("").trim();
                if (!joined.isEmpty() && !isProse(joined)) {
                    out.add(joined);
                }
            }
            List<Segment> all = segments();
            for (int k = all.size() - 1; k >= 0 && k >= all.size() - MAX_SEGMENTS_TRIED; k--) {
                addContent(all.get(k).content(), out);
            }
        }

        /** A bare formula: one line (or a matrix over several), not prose, when there is no math. */
        private void bareFormula(Set<String> out) {
            for (Segment s : segments()) {
                if (!s.content().isBlank()) {
                    return;
                }
            }
            String trimmed = text.trim();
            if (!trimmed.isEmpty() && (trimmed.indexOf('\n') < 0 || trimmed.contains("\\begin{"))
                    && !isProse(trimmed) && !isCountWithWord(trimmed)) {
                out.add(trimmed);
            }
        }
    }

    /** The gold answer: all boxed answers (joined), else the text without {@code $} delimiters. */
    static String fromGold(String gold) {
        String text = DoubleEscapes.undo(gold);
        String boxed = allBoxed(text);
        String s = boxed != null ? boxed : text;
        if (s.indexOf('$') >= 0) {
            s = UNESCAPED_DOLLAR.matcher(s).replaceAll("");
        }
        s = s.trim();
        return s.isEmpty() ? null : s;
    }

    private static void addContent(String content, Set<String> out) {
        if (content == null) {
            return;
        }
        String c = content.indexOf("\\boxed") >= 0 || content.indexOf("\\fbox") >= 0 ? allBoxed(content) : content;
        if (c != null && !c.isBlank()) {
            out.add(c.trim());
        }
    }

    // ---------------------------------------------------------------- anchors

    /** "The final answer is $5$", "Final Answer: The final answer is 5. I hope it is correct." */
    private static void finalAnswer(String text, List<Segment> segments, Set<String> out) {
        int tried = 0;
        for (int at = lastIndexOfIgnoreCase(text, "final answer", text.length()); at >= 0 && tried < MAX_ANCHORS;
                at = lastIndexOfIgnoreCase(text, "final answer", at - 1)) {
            tried++;
            int from = at + "final answer".length();
            int is = isWord(text, from, Math.min(text.length(), from + FINAL_ANSWER_WINDOW));
            if (is >= 0) {
                int p = skipColonAndMarkup(text, is + 2);
                addContent(answerAt(text, p, segments, 0), out);
            }
        }
    }

    /** Position of the first " is" (a whole word after white space) in [from, to), or -1. */
    private static int isWord(String text, int from, int to) {
        for (int i = from; i + 2 < to + 2 && i + 2 <= text.length(); i++) {
            if (i > 0 && Character.isWhitespace(text.charAt(i - 1)) && text.startsWith("is", i)
                    && (i + 2 == text.length() || !Character.isLetter(text.charAt(i + 2)))) {
                return i;
            }
        }
        return -1;
    }

    /** "Answer: ...", "**Answer:** ...", "\text{Answer: } ...", "the answer is ...". */
    private static void answerAnchors(String text, List<Segment> segments, Set<String> out) {
        int tried = 0;
        for (int at = lastIndexOfIgnoreCase(text, "answer", text.length()); at >= 0 && tried < MAX_ANCHORS;
                at = lastIndexOfIgnoreCase(text, "answer", at - 1)) {
            if (at > 0 && Character.isLetter(text.charAt(at - 1))) {
                continue;
            }
            int p = at + "answer".length();
            int q = p;
            while (q < text.length() && (text.charAt(q) == '*' || text.charAt(q) == '}' || text.charAt(q) == ' ')) {
                q++;
            }
            if (q < text.length() && (text.charAt(q) == ':' || text.charAt(q) == '：')) {
                p = skipColonAndMarkup(text, q);
            } else if (isWord(text, p, Math.min(text.length(), p + 2)) >= 0) {
                p = skipColonAndMarkup(text, isWord(text, p, p + 2) + 2);
            } else {
                continue;
            }
            tried++;
            addContent(answerAt(text, p, segments, ANSWER_WINDOW), out);
        }
    }

    private static int skipColonAndMarkup(String text, int p) {
        while (p < text.length()) {
            char c = text.charAt(p);
            if (c == ':' || c == '：' || c == '*' || c == '}' || Character.isWhitespace(c)) {
                p++;
            } else {
                break;
            }
        }
        return p;
    }

    /**
     * The answer that starts at {@code p}: a math segment starting within {@code window}
     * characters, a boxed answer, or the bare answer that the line starts with.
     */
    private static String answerAt(String text, int p, List<Segment> segments, int window) {
        int k = firstSegmentFrom(segments, p);
        if (k < segments.size()) {
            Segment s = segments.get(k);
            int lineEnd = text.indexOf('\n', p);
            if (s.start() <= p + window && (lineEnd < 0 || s.start() < lineEnd)) {
                return s.content();
            }
        }
        if (text.startsWith("\\boxed", p) || text.startsWith("\\fbox", p)) {
            return allBoxed(text.substring(p, closingOrEnd(text, p)));
        }
        return bareAnswerAt(text, p);
    }

    /** Index of the first segment starting at or after {@code p} (binary search). */
    private static int firstSegmentFrom(List<Segment> segments, int p) {
        int lo = 0;
        int hi = segments.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (segments.get(mid).start() < p) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int closingOrEnd(String text, int p) {
        int open = text.indexOf('{', p);
        int close = open < 0 ? -1 : matchingBrace(text, open);
        return close < 0 ? text.length() : close + 1;
    }

    /**
     * The bare answer a line starts with: up to the end of the line or of the sentence, without
     * trailing punctuation and math closers; from a sentence, its first number.
     */
    static String bareAnswerAt(String text, int p) {
        int end = p;
        int limit = Math.min(text.length(), p + MAX_BARE_ANSWER);
        while (end < limit && text.charAt(end) != '\n') {
            char c = text.charAt(end);
            if ((c == '.' || c == '?' || c == '!' || c == ';')
                    && (end + 1 == text.length() || Character.isWhitespace(text.charAt(end + 1)))) {
                break; // a full stop, ? ! or ; before a space ends the sentence ("5!" too, as Math-Verify reads it); "3.5" does not
            }
            end++;
        }
        if (end == limit && limit < text.length() && text.charAt(end) != '\n') {
            return null; // a "line" this long is not a bare answer
        }
        String s = stripClosers(text.substring(p, end));
        if (s.isEmpty() || s.indexOf('$') >= 0) {
            return null; // math that did not close is not a bare answer
        }
        if (isProse(s)) {
            String number = firstNumber(s);
            return number != null ? number : s;
        }
        if (isCountWithWord(s)) {
            return firstNumber(s);
        }
        return s;
    }

    private static String stripClosers(String s) {
        String t = s.trim();
        boolean changed = true;
        while (changed && !t.isEmpty()) {
            changed = false;
            for (String closer : new String[] {"\\]", "\\)", "**", "$", ".", ",", ";", "!"}) {
                if (t.endsWith(closer) && !(closer.equals(".") && t.endsWith("\\."))) {
                    t = t.substring(0, t.length() - closer.length()).trim();
                    changed = true;
                }
            }
        }
        return t;
    }

    private static int lastIndexOfIgnoreCase(String text, String needle, int from) {
        int start = Math.min(from, text.length() - needle.length());
        char first = needle.charAt(0);
        char firstUpper = Character.toUpperCase(first);
        for (int i = start; i >= 0; i--) {
            char c = text.charAt(i);
            if ((c == first || c == firstUpper) && text.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- boxed

    /**
     * The contents of every outermost {@code \boxed{..}} / {@code \fbox{..}} in order, joined with
     * ", "; null when there is none. Braces are matched in one pass, so nested and unclosed
     * boxes cost linear time.
     */
    static String allBoxed(String text) {
        int first = firstBoxed(text, 0);
        if (first < 0) {
            return null;
        }
        List<String> contents = new ArrayList<>();
        int[] closing = null;
        int nextBoxed = text.indexOf("\\boxed");
        int nextFbox = text.indexOf("\\fbox");
        int at = first;
        while (at >= 0) {
            int i = at + (text.startsWith("\\boxed", at) ? 6 : 5);
            int afterName = i;
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
            int next = i;
            if (i < text.length() && text.charAt(i) == '{') {
                if (closing == null) {
                    closing = closingBraces(text, first);
                }
                int close = closing[i - first];
                if (close > 0) {
                    String inner = text.substring(i + 1, close).trim();
                    if (!inner.isEmpty()) {
                        contents.add(inner);
                    }
                    next = close + 1;
                }
            } else if (i > afterName && i < text.length()) {
                // "\boxed 5": the argument is the next word
                int end = i;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '$') {
                    end++;
                }
                contents.add(text.substring(i, end));
                next = end;
            }
            int from = Math.max(next, at + 1);
            // each search resumes where the last one stopped, so the scan stays linear
            if (nextBoxed >= 0 && nextBoxed < from) {
                nextBoxed = text.indexOf("\\boxed", from);
            }
            if (nextFbox >= 0 && nextFbox < from) {
                nextFbox = text.indexOf("\\fbox", from);
            }
            at = nextBoxed < 0 ? nextFbox : nextFbox < 0 ? nextBoxed : Math.min(nextBoxed, nextFbox);
        }
        if (contents.isEmpty()) {
            return null;
        }
        return contents.size() == 1 ? contents.get(0) : String.join(", ", contents);
    }

    private static int firstBoxed(String text, int from) {
        int boxed = text.indexOf("\\boxed", from);
        int fbox = text.indexOf("\\fbox", from);
        return boxed < 0 ? fbox : fbox < 0 ? boxed : Math.min(boxed, fbox);
    }

    /** For each '{' at or after {@code base}, the index of its closing '}' (0 when unclosed). */
    private static int[] closingBraces(String text, int base) {
        int[] closing = new int[text.length() - base];
        int[] stack = new int[16];
        int depth = 0;
        for (int i = base; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++; // an escaped brace \{ does not count
            } else if (c == '{') {
                if (depth == stack.length) {
                    stack = java.util.Arrays.copyOf(stack, depth * 2);
                }
                stack[depth++] = i;
            } else if (c == '}' && depth > 0) {
                closing[stack[--depth] - base] = i;
            }
        }
        return closing;
    }

    /** Index of the brace closing the one at {@code open}, or -1 when unbalanced. */
    private static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The content of the last boxed answer only (the MATH dataset's convention for solutions). */
    static String lastBoxed(String text) {
        int at = Math.max(text.lastIndexOf("\\boxed"), text.lastIndexOf("\\fbox"));
        return at < 0 ? null : allBoxed(text.substring(at));
    }

    // ---------------------------------------------------------------- math segments

    /**
     * The math segments of the text, left to right, as a regular expression with the
     * alternatives $$..$$ | \[..\] | $..$ | \(..\) | \begin{align}..\end{align} would find them,
     * plus an unclosed final $ up to the end of its line.
     */
    static List<Segment> segments(String text) {
        List<Segment> out = new ArrayList<>();
        int n = text.length();
        int noDisplayDollarFrom = Integer.MAX_VALUE;
        int noBracketFrom = Integer.MAX_VALUE;
        int noParenUntil = 0;
        java.util.Map<String, Integer> unclosedEnvironments = new java.util.HashMap<>();
        int lastOpenDollar = -1;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char d = text.charAt(i + 1);
                if (d == '[' && i < noBracketFrom) {
                    int j = text.indexOf("\\]", i + 2);
                    if (j >= 0) {
                        out.add(new Segment(i, j + 2, text.substring(i + 2, j)));
                        i = j + 2;
                        continue;
                    }
                    noBracketFrom = i;
                } else if (d == '(' && i >= noParenUntil) {
                    int j = closeOnLine(text, i + 2);
                    if (j >= 0) {
                        out.add(new Segment(i, j + 2, text.substring(i + 2, j)));
                        i = j + 2;
                        continue;
                    }
                    int lineEnd = text.indexOf('\n', i);
                    noParenUntil = lineEnd < 0 ? n : lineEnd; // no \) closes anything on this line
                } else if (d == 'b' && text.startsWith("\\begin{", i)) {
                    int end = environment(text, i, out, unclosedEnvironments);
                    if (end > 0) {
                        i = end;
                        continue;
                    }
                }
                i += 2; // an escape such as \$ or \\ is not a delimiter
            } else if (c == '$') {
                if (i + 1 < n && text.charAt(i + 1) == '$' && i < noDisplayDollarFrom) {
                    int j = text.indexOf("$$", i + 2);
                    while (j > 0 && text.charAt(j - 1) == '\\') {
                        j = text.indexOf("$$", j + 1);
                    }
                    if (j >= 0) {
                        if (j > i + 2) {
                            out.add(new Segment(i, j + 2, text.substring(i + 2, j)));
                        }
                        i = j + 2;
                        continue;
                    }
                    noDisplayDollarFrom = i;
                }
                boolean afterDigit = i > 0 && Character.isDigit(text.charAt(i - 1));
                int j = afterDigit ? -1 : inlineClose(text, i + 1);
                if (j > i + 1) {
                    out.add(new Segment(i, j + 1, text.substring(i + 1, j)));
                    i = j + 1;
                    continue;
                }
                lastOpenDollar = afterDigit ? lastOpenDollar : i;
                i++;
            } else {
                i++;
            }
        }
        int lastEnd = out.isEmpty() ? 0 : out.get(out.size() - 1).end();
        if (lastOpenDollar >= lastEnd && lastOpenDollar >= 0 && text.indexOf('$', lastOpenDollar + 1) < 0) {
            int lineEnd = text.indexOf('\n', lastOpenDollar);
            String rest = text.substring(lastOpenDollar + 1, lineEnd < 0 ? n : lineEnd).trim();
            if (!rest.isEmpty() && !isProse(rest)) {
                out.add(new Segment(lastOpenDollar, lineEnd < 0 ? n : lineEnd, stripClosers(rest)));
            }
        }
        return out;
    }

    /** The closing $ of an inline segment opened before {@code from}, on the same line; -1 if none. */
    private static int inlineClose(String text, int from) {
        for (int j = from; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '\n') {
                return -1;
            }
            if (c == '\\') {
                j++;
            } else if (c == '$') {
                return j;
            }
        }
        return -1;
    }

    /** The \\) closing a segment opened before {@code from}, on the same line; -1 if none. */
    private static int closeOnLine(String text, int from) {
        for (int j = from; j + 1 < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '\n') {
                return -1;
            }
            if (c == '\\') {
                if (text.charAt(j + 1) == ')') {
                    return j;
                }
                j++;
            }
        }
        return -1;
    }

    /** A display environment at {@code at}: adds its segment and returns its end, or -1. */
    private static int environment(String text, int at, List<Segment> out, java.util.Map<String, Integer> unclosed) {
        for (String env : ENVIRONMENTS) {
            String begin = "\\begin{" + env + "}";
            if (text.startsWith(begin, at)) {
                String end = "\\end{" + env + "}";
                int j = unclosed.containsKey(env) ? -1 : text.indexOf(end, at + begin.length());
                if (j < 0) {
                    unclosed.put(env, at); // and no later one closes either
                    return -1;
                }
                out.add(new Segment(at, j + end.length(), text.substring(at, j + end.length())));
                return j + end.length();
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- prose

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
                boolean word = !command && i - start >= 2 && !isFunctionWord(text, start, i);
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
                word |= depth == 0 && i - start >= 3 && !isCommandName(text, start) && !isFunctionWord(text, start, i);
            } else {
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                i++;
            }
        }
        return digit && word;
    }

    /** Whether text[start, end) is a function name, without copying it. */
    private static boolean isFunctionWord(String text, int start, int end) {
        int length = end - start;
        if (length > 6) {
            return false;
        }
        for (String w : Lexer.FUNCTION_WORDS) {
            if (w.length() == length && text.startsWith(w, start)) {
                return true;
            }
        }
        return false;
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

    // ---------------------------------------------------------------- numbers in prose

    /**
     * The last number written in the text, as {@link #numberAt} reads it, or the arithmetic
     * expression of digits and operators it ends ("3/4", "2 + 3^2"); null when there is none.
     */
    static String lastNumber(String text) {
        for (int end = text.length() - 1; end >= 0; end--) {
            if (Character.isDigit(text.charAt(end))) {
                int start = numberStart(text, end);
                if (isStandalone(text, start)) {
                    String number = numberAt(text, start);
                    String expression = number.endsWith("%") ? null : expressionAround(text, start, end + 1);
                    return expression != null ? expression : number;
                }
                end = start;
            }
        }
        return null;
    }

    private static boolean isExpressionChar(char c) {
        return c >= '0' && c <= '9' || c == '.' || c == ' ' || "+-*/^()×÷".indexOf(c) >= 0;
    }

    /**
     * The arithmetic expression (digits, spaces and + - * / ^ ( ) × ÷ only, at least one operator
     * between digits) around the number at [start, end), or null when the number stands alone.
     */
    private static String expressionAround(String text, int start, int end) {
        int from = start;
        while (from > 0 && isExpressionChar(text.charAt(from - 1)) && start - from < 200) {
            from--;
        }
        int to = end;
        while (to < text.length() && isExpressionChar(text.charAt(to)) && to - end < 200) {
            to++;
        }
        String e = text.substring(from, to).trim();
        // a sentence's full stop or a bracket that opened before the expression is not part of it
        while (!e.isEmpty() && (e.endsWith(".") || e.endsWith(")") && count(e, '(') < count(e, ')')
                || "+-*/^×÷(".indexOf(e.charAt(e.length() - 1)) >= 0)) {
            e = e.substring(0, e.length() - 1).trim();
        }
        while (!e.isEmpty() && (e.startsWith("(") && count(e, '(') > count(e, ')') || "+*/^×÷)".indexOf(e.charAt(0)) >= 0)) {
            e = e.substring(1).trim();
        }
        boolean operator = false;
        for (int k = 1; k < e.length(); k++) {
            operator |= "+-*/^×÷".indexOf(e.charAt(k)) >= 0;
        }
        boolean digitsOnly = !e.isEmpty() && Character.isDigit(e.charAt(0)) || e.startsWith("-") || e.startsWith("(");
        return operator && digitsOnly && e.indexOf("  ") < 0 ? e : null;
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            n += s.charAt(i) == c ? 1 : 0;
        }
        return n;
    }

    /** The first standalone number in the text, with its percent word; null when there is none. */
    static String firstNumber(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isDigit(c) || (c == '-' || c == '.') && i + 1 < text.length()
                    && Character.isDigit(text.charAt(i + 1))) {
                if (isStandalone(text, i)) {
                    return numberAt(text, i);
                }
                while (i + 1 < text.length() && (Character.isDigit(text.charAt(i + 1)) || text.charAt(i + 1) == '.')) {
                    i++;
                }
            }
        }
        return null;
    }

    /** Where the number whose last digit is at {@code end} starts: sign, digits, "," groups, decimals. */
    private static int numberStart(String text, int end) {
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
        return start;
    }

    /** Not an exponent (cm^2), an index (x_1), part of a name (H2O) or of a command argument. */
    private static boolean isStandalone(String text, int start) {
        if (start == 0) {
            return true;
        }
        char before = text.charAt(start - 1);
        return !(Character.isLetter(before) || before == '^' || before == '_' || before == '\\' || before == '{');
    }

    /** The number at {@code start}, with a following %, "percent", "percentage" or "pct" as %. */
    private static String numberAt(String text, int start) {
        int end = start;
        if (end < text.length() && (text.charAt(end) == '-' || text.charAt(end) == '.')) {
            end++;
        }
        while (end < text.length() && (Character.isDigit(text.charAt(end))
                || (text.charAt(end) == '.' || text.charAt(end) == ',') && end + 1 < text.length()
                        && Character.isDigit(text.charAt(end + 1)))) {
            end++;
        }
        String number = text.substring(start, end);
        int k = end;
        while (k < text.length() && text.charAt(k) == ' ') {
            k++;
        }
        if (k < text.length() && (text.charAt(k) == '%' || text.startsWith("\\%", k))) {
            return number + "%";
        }
        for (String word : new String[] {"percentage", "percent", "pct"}) {
            if (text.regionMatches(true, k, word, 0, word.length())
                    && (k + word.length() == text.length() || !Character.isLetter(text.charAt(k + word.length())))) {
                return number + "%";
            }
        }
        return number;
    }
}
