package org.rmel.chat;

import java.util.regex.Pattern;

/**
 * Jinja's {@code lstrip_blocks}, applied to the template source: spaces and tabs between the
 * start of a line and a block tag or comment are removed, unless the tag opens with {@code {%+}.
 * Jinjava's own option also strips them when text precedes them on the line
 * ({@code "assistant: {% endif %}"} lost its space), so the engine leaves it off and uses this.
 * Expressions, comments and {@code raw} blocks are copied as they are.
 */
final class LstripBlocks {
    private static final Pattern RAW = Pattern.compile("\\{%[-+]?\\s*raw\\s*[-+]?%}");
    private static final Pattern END_RAW = Pattern.compile("\\{%[-+]?\\s*endraw\\s*[-+]?%}");

    private LstripBlocks() {}

    static String apply(String t) {
        StringBuilder out = new StringBuilder(t.length());
        int i = 0;
        while (i < t.length()) {
            boolean block = t.startsWith("{%", i);
            boolean comment = t.startsWith("{#", i);
            if (!block && !comment) {
                if (t.startsWith("{{", i)) {
                    int end = t.indexOf("}}", i + 2);
                    end = end < 0 ? t.length() : end + 2;
                    out.append(t, i, end);
                    i = end;
                } else {
                    out.append(t.charAt(i++));
                }
                continue;
            }
            boolean keep = i + 2 < t.length() && t.charAt(i + 2) == '+';
            if (!keep) {
                int j = out.length();
                while (j > 0 && (out.charAt(j - 1) == ' ' || out.charAt(j - 1) == '\t')) {
                    j--;
                }
                if (j == 0 || out.charAt(j - 1) == '\n') {
                    out.setLength(j);
                }
            }
            int end = t.indexOf(comment ? "#}" : "%}", i + 2);
            end = end < 0 ? t.length() : end + 2;
            String tag = keep ? t.substring(i, i + 2) + t.substring(i + 3, end) : t.substring(i, end);
            out.append(tag);
            i = end;
            if (block && RAW.matcher(tag).matches()) {
                var m = END_RAW.matcher(t);
                int stop = m.find(i) ? m.start() : t.length();
                out.append(t, i, stop);
                i = stop;
            }
        }
        return out.toString();
    }
}
