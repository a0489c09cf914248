package org.rmel.verify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Other spellings of a gold answer, for the self-tests and the {@code bench verify} workload:
 * the same answer inside a sentence, a rewritten but equal LaTeX form, and a perturbed
 * (different) answer.
 */
public final class AnswerVariants {

    private AnswerVariants() {
    }

    /** The gold answer without $ delimiters, as a model would box it. */
    public static String bare(String gold) {
        return gold.replaceAll("(?<!\\\\)\\$", "").trim();
    }

    /** "So the answer is \boxed{G}." */
    public static String inSentence(String gold) {
        return "Putting everything together, so the answer is \\boxed{" + bare(gold) + "}.";
    }

    /**
     * An equal answer spelt differently, inside a short solution: \dfrac for \frac, \left( \right)
     * for parentheses, no spaces where LaTeX does not need them, "\cdot" for "*".
     */
    public static String rewritten(String gold) {
        String g = bare(gold).replace("\\frac", "\\dfrac").replace("*", " \\cdot ");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            boolean afterLetter = i > 0 && Character.isLetter(g.charAt(i - 1));
            boolean beforeLetter = i + 1 < g.length() && Character.isLetter(g.charAt(i + 1));
            if (c == ' ' && !(afterLetter && beforeLetter)) {
                continue;
            }
            if ((c == '(' || c == ')') && (i == 0 || g.charAt(i - 1) != '\\')) {
                b.append(c == '(' ? "\\left(" : "\\right)");
            } else {
                b.append(c);
            }
        }
        return "We simplify step by step.\n\nTherefore the final answer is $\\boxed{" + b + "}$";
    }

    /**
     * A different answer: the first integer literal plus one (not inside a subscript, where it is
     * only a name or a base), or "+1" appended when there is no such literal, or a changed word.
     */
    public static String perturbed(String gold) {
        String g = bare(gold);
        Matcher m = Pattern.compile("\\d+").matcher(g);
        int start = -1;
        int end = -1;
        while (m.find()) {
            if (!inSubscript(g, m.start())) {
                start = m.start();
                end = m.end();
                break;
            }
        }
        if (start >= 0) {
            return g.substring(0, start) + new java.math.BigInteger(g.substring(start, end)).add(java.math.BigInteger.ONE)
                    + g.substring(end);
        }
        if (g.matches("(\\\\text\\{)?[A-Za-z ()]+\\}?")) {
            return g.replaceAll("[A-Za-z](?=[^A-Za-z]*$)", "Q");
        }
        return g + "+1";
    }

    private static boolean inSubscript(String g, int at) {
        int k = at - 1;
        while (k >= 0 && (g.charAt(k) == ' ' || g.charAt(k) == '{')) {
            k--;
        }
        return k >= 0 && g.charAt(k) == '_';
    }
}
