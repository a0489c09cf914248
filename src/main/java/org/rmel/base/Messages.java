package org.rmel.base;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Cleans exception texts for a one-line {@code error:} message. */
public final class Messages {
    /** Jackson's location suffix: {@code \n at [Source: REDACTED (...); line: 3, column: 7]}. */
    private static final Pattern JACKSON_SOURCE = Pattern.compile(
            "\\s*at \\[Source: .*?(?:line: (\\d+), column: (\\d+))?\\]", Pattern.DOTALL);
    private static final Pattern JACKSON_REFERENCE = Pattern.compile("\\s*\\(through reference chain: [^)]*\\)");

    private Messages() {
    }

    /**
     * {@code text} on one line: Jackson's {@code at [Source: …; line: L, column: C]} becomes
     * {@code (line L, column C)}, its reference chain is dropped, and line breaks become "; ".
     * Null stays null.
     */
    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = JACKSON_SOURCE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, m.group(1) == null ? ""
                    : Matcher.quoteReplacement(" (line " + m.group(1) + ", column " + m.group(2) + ")"));
        }
        m.appendTail(sb);
        String s = JACKSON_REFERENCE.matcher(sb).replaceAll("");
        return s.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
