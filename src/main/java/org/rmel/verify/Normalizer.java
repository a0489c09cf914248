package org.rmel.verify;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * String-level clean-up of one extracted answer before parsing: presentation-only LaTeX
 * (\left, \dfrac, spacing, \text wrappers), units and degrees, currency, thousands separators,
 * percent words and trailing punctuation. Patterns are simple (no nested quantifiers), so the
 * cost is linear in the (length-capped) answer.
 */
final class Normalizer {
    /** "\approx 1.6": the model's hedge is not part of the value. */
    private static final Pattern LEADING_APPROX = Pattern.compile("^(?:\\\\approx|\\\\sim|≈|~)\\s*");
    /** "2{,}000": a braced comma before exactly three digits groups thousands; otherwise "3{,}5" is 3.5. */
    private static final Pattern BRACED_THOUSANDS = Pattern.compile("(?<=\\d)\\{,\\}(?=\\d{3}(?!\\d))");
    private static final Pattern LEFT_RIGHT_DOT = Pattern.compile("\\\\(?:left|right)\\s*\\.");
    private static final Pattern SIZING = Pattern.compile(
            "\\\\(?:left|right|bigl|bigr|Bigl|Bigr|biggl|biggr|Biggl|Biggr|bigg|Bigg|big|Big)(?![a-zA-Z])");
    private static final Pattern THIN_SPACE_IN_NUMBER = Pattern.compile("(\\d),\\\\!\\s*(?=\\d)");
    /** Spacing commands; the look-behind keeps the row separator {@code \\} of matrices intact. */
    private static final Pattern NEGATIVE_SPACE = Pattern.compile("(?<!\\\\)\\\\!");
    private static final Pattern SPACE_COMMAND = Pattern.compile("(?<!\\\\)\\\\(?:[,;: ]|q?quad(?![a-zA-Z]))");
    private static final Pattern PRIME = Pattern.compile("\\^\\s*\\{?\\s*\\\\prime\\s*\\}?");
    private static final Pattern DEGREE = Pattern.compile("\\^\\s*\\{?\\s*\\\\(?:circ|degree)\\s*\\}?");
    private static final Pattern TEXT = Pattern.compile(
            "\\\\(?:text|textbf|textit|textrm|textsf|texttt|textnormal|mathrm|mathbf|mathit|mathsf|mathbb|mathtt"
                    + "|mbox|hbox|operatorname|rm|bf)\\s*\\{([^{}]*)\\}(\\s*\\^\\s*\\{?\\s*[23]\\s*\\}?)?");
    private static final Pattern THOUSANDS = Pattern.compile("(?<![\\d.,])\\d{1,3}(?:,\\d{3})+(?![\\d]|,\\d)");
    private static final Pattern SPACE_THOUSANDS = Pattern.compile("-?\\d{1,3}(?: \\d{3})+(?:\\.\\d+)?");
    private static final Pattern TRAILING_UNIT = Pattern.compile(
            "(?<=[\\d}).\\s])\\s*(?:(?:square|sq\\.?|cubic)\\s+)?(?:(?:km|m|cm|ft|mi)/(?:hr?|s)|kmph|cm|mm|km|meters?|metres?|inch(?:es)?|feet|foot|ft"
                    + "|yards?|miles?|mph|kg|grams?|pounds?|lbs|ounces?|liters?|litres?|seconds|minutes|hours?|hrs"
                    + "|days?|weeks?|months?|years?|cents?|dollars?|degrees?|units?|people|students|ways|points)"
                    + "(?:\\s*\\^\\s*\\{?\\s*[23]\\s*\\}?)?\\s*$");
    /** Words that, alone inside \text{...}, are units of measure and mean nothing for the value. */
    private static final Set<String> TEXT_UNITS = Set.of(
            "cm", "mm", "km", "m", "meter", "meters", "metre", "metres", "inch", "inches", "in", "feet", "foot",
            "ft", "yard", "yards", "mile", "miles", "mph", "kg", "g", "gram", "grams", "pound", "pounds", "lb",
            "lbs", "ounce", "ounces", "oz", "liter", "liters", "litre", "litres", "l", "ml", "s", "sec", "second",
            "seconds", "min", "minute", "minutes", "h", "hr", "hrs", "hour", "hours", "day", "days", "week",
            "weeks", "month", "months", "year", "years", "cent", "cents", "dollar", "dollars", "degree",
            "degrees", "unit", "units", "sq units", "square units", "square feet", "square inches",
            "square meters", "square centimeters", "sq ft", "sq in", "cubic feet", "cubic inches",
            "cubic centimeters", "people", "students", "ways", "points", "times", "kelvin", "ev", "nm", "hz", "kpc", "mpc",
            "km/h", "km/hr", "kmph", "m/s", "cm/s", "km/s", "ft/s", "mi/h", "miles per hour", "meters per second",
            "m/s^2", "cm^2", "cm^3", "m^2", "m^3", "km^2", "ft^2", "in^2", "units^2", "sq. units",
            "square centimetres", "square metres", "cubic units", "mins", "secs", "percent");

    /** "45 pct", "45 percentage", "45 percent": percent words after a number are a percent sign. */
    private static final Pattern PERCENT_WORD = Pattern.compile("(?<=[\\d}])\\s*(?:percentage|percent|pct)(?![a-zA-Z])");
    /** "(1, 4) and (4, 1)", "x = 2 or x = 3": a word joining two answers is a list separator. */
    private static final Pattern JOINING_WORD = Pattern.compile(
            "(?<=[\\d)\\]}])\\s+(?:and|or)\\s+(?=[-\\d(\\[\\\\{]|[a-zA-Z](?:_\\{?\\w+\\}?)?\\s*=)");
    private static final Pattern DISPLAY_ENVIRONMENT = Pattern.compile(
            "\\\\begin\\{(align\\*?|aligned|equation\\*?|gather\\*?|eqnarray\\*?|multline\\*?)\\}");
    private static final Pattern LEADING_RELATION = Pattern.compile("^(?:=|\\\\approx|≈)\\s*");
    private static final Pattern EQUATION_TAGS = Pattern.compile("\\\\(?:nonumber|notag)|\\\\(?:tag|label)\\{[^{}]*\\}");

    /** Words that are mathematics, not the name of what was counted. */
    private static final Set<String> KEPT_WORDS = Set.of("pi", "and", "or", "mod", "inf", "infty", "infinity", "i", "e");

    private Normalizer() {
    }

    static String normalize(String answer) {
        String s = LEADING_APPROX.matcher(answer.trim()).replaceFirst("");
        if (s.indexOf('$') >= 0) {
            s = s.replace("\\$", "").replace("$", "");
        }
        boolean commands = s.indexOf('\\') >= 0;
        if (commands && s.contains("\\begin{")) {
            s = lastDisplayRow(s);
        }
        if (commands) {
            // each pass is guarded by a cheap search: most answers need only a few of them
            s = stripOuter(s);
            if (s.contains("\\left") || s.contains("\\right") || s.contains("\\big") || s.contains("\\Big")) {
                s = LEFT_RIGHT_DOT.matcher(s).replaceAll("");
                s = SIZING.matcher(s).replaceAll("");
            }
            s = s.replace("\\dfrac", "\\frac").replace("\\tfrac", "\\frac").replace("\\displaystyle", "");
            if (s.contains("\\!")) {
                s = THIN_SPACE_IN_NUMBER.matcher(s).replaceAll("$1,");
                s = NEGATIVE_SPACE.matcher(s).replaceAll("");
            }
            if (hasSpacingCommand(s)) {
                s = SPACE_COMMAND.matcher(s).replaceAll(" ");
            }
            if (s.contains("prime")) {
                s = PRIME.matcher(s).replaceAll("'");
            }
            if (s.contains("circ") || s.contains("degree")) {
                s = DEGREE.matcher(s).replaceAll("");
                s = s.replace("\\circ", "").replace("\\degree", "");
            }
            if (s.contains("\\mathbb{R}")) {
                s = s.replace("\\mathbb{R}", "(-\\infty, \\infty)");
            }
            s = unwrapText(s);
            s = s.replace("\\%", "%");
        }
        s = s.replace('~', ' ').replace("°", "").replace("np.", "");
        if (s.indexOf('p') >= 0 && (s.contains("percent") || s.contains("pct"))) {
            s = PERCENT_WORD.matcher(s).replaceAll("%");
        }
        if (s.contains(" and ") || s.contains(" or ")) {
            s = JOINING_WORD.matcher(s).replaceAll(", ");
        }
        if (s.contains("{,}")) {
            s = BRACED_THOUSANDS.matcher(s).replaceAll("").replace("{,}", ".");
        }
        s = thousands(s);
        s = collapseWhitespace(s);
        if (s.length() > 2 && Character.isLetter(s.charAt(s.length() - 1)) || s.endsWith("}") || s.endsWith("^2")
                || s.endsWith("^3")) {
            Matcher unit = TRAILING_UNIT.matcher(s);
            unit.useTransparentBounds(true).region(Math.max(0, s.length() - 40), s.length());
            if (unit.find()) {
                s = s.substring(0, unit.start());
            } else if (Character.isLetter(s.charAt(s.length() - 1))) {
                s = stripTrailingWords(s);
            }
        }
        s = stripTrailingPunctuation(s);
        if (s.indexOf(' ') > 0 && SPACE_THOUSANDS.matcher(s).matches()) {
            s = s.replace(" ", "");
        }
        return s;
    }

    /**
     * An align, equation or gather environment is a derivation: its answer is its last row,
     * without the alignment marks and without a leading "=" (the chain's last side).
     */
    private static String lastDisplayRow(String s) {
        Matcher m = DISPLAY_ENVIRONMENT.matcher(s);
        if (!m.find()) {
            return s;
        }
        String env = m.group(1);
        int end = s.indexOf("\\end{" + env + "}", m.end());
        String body = s.substring(m.end(), end < 0 ? s.length() : end);
        body = EQUATION_TAGS.matcher(body).replaceAll("").replace("&", "");
        String last = "";
        for (String row : body.split("(?<!\\\\)\\\\\\\\(?!\\\\)")) {
            if (!row.isBlank()) {
                last = row.trim();
            }
        }
        return LEADING_RELATION.matcher(last).replaceFirst("");
    }

    /**
     * "12 apples", "3 red marbles": plain words of two or more letters after a number name what
     * was counted (Math-Verify drops its list of unit words). Function names, pi and words
     * written as commands are kept.
     */
    private static String stripTrailingWords(String s) {
        int end = s.length();
        int cut = -1;
        int i = end;
        while (i > 0) {
            int wordEnd = i;
            while (i > 0 && s.charAt(i - 1) < 128 && Character.isLetter(s.charAt(i - 1))) {
                i--;
            }
            String word = s.substring(i, wordEnd);
            if (word.length() < 2 || Lexer.FUNCTION_WORDS.contains(word) || KEPT_WORDS.contains(word)
                    || i > 0 && s.charAt(i - 1) == '\\' || i == 0 || s.charAt(i - 1) != ' ') {
                break;
            }
            int space = i;
            while (space > 0 && s.charAt(space - 1) == ' ') {
                space--;
            }
            if (space == 0) {
                break;
            }
            char before = s.charAt(space - 1);
            if (Character.isDigit(before) || before == '}' || before == '%' || before == ')') {
                cut = space;
                break;
            }
            if (!Character.isLetter(before)) {
                break;
            }
            i = space;
        }
        return cut > 0 ? s.substring(0, cut) : s;
    }

    private static boolean hasSpacingCommand(String s) {
        for (int i = s.indexOf('\\'); i >= 0 && i + 1 < s.length(); i = s.indexOf('\\', i + 1)) {
            char c = s.charAt(i + 1);
            if (c == ',' || c == ';' || c == ':' || c == ' ' || c == 'q') {
                return true;
            }
        }
        return false;
    }

    private static String collapseWhitespace(String s) {
        StringBuilder b = null;
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ws = Character.isWhitespace(c);
            if (ws && (space || c != ' ') && b == null) {
                b = new StringBuilder(s.length()).append(s, 0, i);
                if (space) {
                    b.setLength(b.length() - 1);
                }
            }
            if (b != null) {
                if (!ws) {
                    b.append(c);
                } else if (!space) {
                    b.append(' ');
                }
            }
            space = ws;
        }
        return (b == null ? s : b.toString()).trim();
    }

    /** Math delimiters around the whole answer: \( \), \[ \]. */
    private static String stripOuter(String s) {
        if (s.startsWith("\\(") && s.endsWith("\\)") || s.startsWith("\\[") && s.endsWith("\\]")) {
            return s.substring(2, s.length() - 2).trim();
        }
        return s;
    }

    private static String unwrapText(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        Matcher m = TEXT.matcher(s);
        if (!m.find()) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        do {
            String inner = m.group(1).replace('~', ' ').trim();
            String key = inner.toLowerCase(Locale.ROOT);
            String replacement;
            if (TEXT_UNITS.contains(key) || isTrailingWords(s, m, key)) {
                replacement = " ";
            } else if (key.equals("and") || key.equals("or") || key.equals(",")) {
                replacement = ",";
            } else {
                replacement = inner + (m.group(2) == null ? "" : m.group(2));
            }
            m.appendReplacement(b, Matcher.quoteReplacement(replacement));
        } while (m.find());
        m.appendTail(b);
        return b.toString();
    }

    /** "5 \text{ apples}": plain words at the very end, after a number, name what was counted. */
    private static boolean isTrailingWords(String s, Matcher m, String key) {
        if (m.end() != s.length() || key.isEmpty()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c == ' ')) {
                return false;
            }
        }
        for (int i = m.start() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (Character.isDigit(c) || c == '}') {
                return true;
            }
            if (c != ' ') {
                return false;
            }
        }
        return false;
    }

    /** 7,425,000 becomes 7425000, but only outside brackets, where (3,331) is a pair. */
    private static String thousands(String s) {
        if (s.indexOf(',') < 0) {
            return s;
        }
        Matcher m = THOUSANDS.matcher(s);
        StringBuilder b = null;
        int last = 0;
        int depth = 0;
        int scanned = 0;
        while (m.find()) {
            for (; scanned < m.start(); scanned++) {
                char c = s.charAt(scanned);
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if (c == ')' || c == ']' || c == '}') {
                    depth--;
                }
            }
            if (depth != 0) {
                continue;
            }
            if (b == null) {
                b = new StringBuilder(s.length());
            }
            b.append(s, last, m.start()).append(m.group().replace(",", ""));
            last = m.end();
        }
        if (b == null) {
            return s;
        }
        return b.append(s, last, s.length()).toString();
    }

    private static String stripTrailingPunctuation(String s) {
        int end = s.length();
        while (end > 0) {
            char c = s.charAt(end - 1);
            boolean escaped = end >= 2 && s.charAt(end - 2) == '\\';
            if ((c == '.' || c == ',' || c == ';' || c == ':' || c == ' ') && !escaped
                    || c == '\\' && end >= 2 && s.charAt(end - 2) == '\\') {
                end -= c == '\\' ? 2 : 1;
            } else {
                break;
            }
        }
        return end == s.length() ? s : s.substring(0, end);
    }
}
