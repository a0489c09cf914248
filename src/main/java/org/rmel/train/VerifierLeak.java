package org.rmel.train;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rmel.method.AnswerLeak;
import org.rmel.verify.Verifier;

/**
 * A meta-experience states the gold answer when, after the verifier's normalisation, one of its
 * stated values equals the gold answer. Stated values are (1) per line, the answer the verifier
 * extracts when the line marks one — a boxed answer, an {@code Answer:} line, a math segment, or
 * the last number of a prose line — and (2) every number written in the text that the problem
 * does not itself state. A line that is a bare expression (a step such as {@code 102-49}) states
 * no answer: every step line of a correct arithmetic trace evaluates to the answer, so comparing
 * by value would call every hint a leak; its numbers are still checked one by one.
 */
final class VerifierLeak implements AnswerLeak {
    private static final Pattern NUMBER = Pattern.compile("(?<![0-9.])[0-9]+(?:\\.[0-9]+)?");
    private final Verifier verifier = new Verifier();

    @Override
    public boolean states(String text, String gold, String problem) {
        if (text == null || text.isBlank()) {
            return false;
        }
        for (String line : text.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            String answer = verifier.extractAnswer(trimmed);
            if (answer != null && !answer.trim().equals(trimmed) && verifier.isEqual(gold, answer)) {
                return true;
            }
        }
        Set<String> given = numbers(problem == null ? "" : problem);
        for (String n : numbers(text)) {
            if (!given.contains(n) && verifier.isEqual(gold, n)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> numbers(String text) {
        Set<String> out = new HashSet<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
