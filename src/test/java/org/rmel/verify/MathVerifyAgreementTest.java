package org.rmel.verify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The agreement table ({@code math-verify-agreement.txt}): realistic model outputs, one family of
 * Math-Verify behaviour at a time, with the verdict Math-Verify gives in its default
 * configuration (reasoned from its rules; the library itself cannot run here). Every case agrees
 * except those marked as a known difference, which the README lists; the agreement figures per
 * family are printed, and the targets (90% of equal pairs, 95% of unequal pairs) hold.
 */
class MathVerifyAgreementTest {
    private record Case(String family, boolean equal, boolean knownDifference, String gold, String output, int line) {
    }

    @Test
    void verdictsAgreeWithMathVerify() throws IOException {
        List<Case> cases = read();
        Verifier verifier = new Verifier();
        Map<String, int[]> byFamily = new TreeMap<>();
        int[] equalPairs = new int[2];
        int[] unequalPairs = new int[2];
        List<String> unexpected = new ArrayList<>();
        for (Case c : cases) {
            Verdict v = verifier.verify(c.gold(), c.output());
            boolean agrees = v.equal() == c.equal();
            int[] f = byFamily.computeIfAbsent(c.family(), k -> new int[4]);
            int[] pairs = c.equal() ? equalPairs : unequalPairs;
            pairs[0] += agrees ? 1 : 0;
            pairs[1]++;
            f[c.equal() ? 0 : 2] += agrees ? 1 : 0;
            f[c.equal() ? 1 : 3]++;
            if (agrees == c.knownDifference()) {
                unexpected.add("line " + c.line() + " [" + c.family() + "] gold " + c.gold() + ": Math-Verify "
                        + (c.equal() ? "equal" : "unequal") + (c.knownDifference() ? " (marked as a known difference)" : "")
                        + ", ours " + v.equal() + " [" + v.predAnswer() + " | " + v.predParsed() + "] " + v.reason());
            }
        }
        System.out.println("Math-Verify agreement on " + cases.size() + " cases:");
        byFamily.forEach((family, f) -> System.out.printf("  %-22s equal %d/%d, unequal %d/%d%n", family, f[0], f[1], f[2], f[3]));
        System.out.printf("  all: equal pairs %d/%d (%.1f%%), unequal pairs %d/%d (%.1f%%)%n", equalPairs[0], equalPairs[1],
                100.0 * equalPairs[0] / equalPairs[1], unequalPairs[0], unequalPairs[1], 100.0 * unequalPairs[0] / unequalPairs[1]);
        assertTrue(unexpected.isEmpty(), unexpected.size() + " unexpected verdicts:\n" + String.join("\n", unexpected));
        assertTrue(equalPairs[0] >= 0.90 * equalPairs[1], "equal-pair agreement under 90%");
        assertTrue(unequalPairs[0] >= 0.95 * unequalPairs[1], "unequal-pair agreement under 95%");
    }

    private static List<Case> read() throws IOException {
        String text;
        try (InputStream in = MathVerifyAgreementTest.class.getResourceAsStream("math-verify-agreement.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Case> cases = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        String header = null;
        int headerLine = 0;
        StringBuilder body = new StringBuilder();
        for (int i = 0; i <= lines.length; i++) {
            boolean end = i == lines.length;
            if (end || lines[i].startsWith("=== ")) {
                if (header != null) {
                    cases.add(parse(header, body.toString().stripTrailing(), headerLine));
                }
                if (!end) {
                    header = lines[i].substring(4);
                    headerLine = i + 1;
                    body.setLength(0);
                }
            } else if (header != null) {
                body.append(lines[i]).append('\n');
            }
        }
        return cases;
    }

    private static Case parse(String header, String output, int line) {
        String[] parts = header.split("; ", 3);
        String verdict = parts[1];
        boolean known = verdict.endsWith("(known difference)");
        boolean equal = verdict.startsWith("equal");
        if (!equal && !verdict.startsWith("unequal")) {
            throw new IllegalArgumentException("line " + line + ": verdict must be equal or unequal: " + verdict);
        }
        return new Case(parts[0], equal, known, parts[2], output, line);
    }
}
