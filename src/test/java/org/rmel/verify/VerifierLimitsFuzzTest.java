package org.rmel.verify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and adversarial inputs: every call returns a verdict (no exception, no stack overflow)
 * within the time limit plus scheduling slack, and no verdict reports an internal error.
 */
class VerifierLimitsFuzzTest {
    private static final String[] PIECES = {
        "\\frac{", "}{", "}", "{", "\\sqrt{", "\\sqrt[", "]", "[", "(", ")", "^", "_", "1", "2", "9", "0", ".",
        "x", "y", "e", "i", "\\pi", "+", "-", "*", "/", "!", "%", "\\%", ",", "=", "<", "\\le", "\\pm", "\\cup",
        "\\{", "\\}", "\\left(", "\\right)", "\\sin", "\\log_", "\\ln", "\\binom{", "\\boxed{", "$", "\\text{",
        "\\begin{pmatrix}", "\\end{pmatrix}", "&", "\\\\", " ", "\\infty", "|", "\\lfloor", "\\rfloor", "Answer:",
        "\n", "10^{", "\\cdot", "'", "\\dot{", "f(", "abc", "1e5", "\\,", "\\!", "~", "°", "\\circ", "é", "\\",
        // the Math-Verify rules' constructs: anchors, delimiters, environments, relations, escapes
        "The final answer is ", "answer is ", "**Answer:**", "\\(", "\\)", "\\[", "\\]", "$$", ":", "\\approx",
        "\\mid", "\\neq", "\\begin{align*}", "\\end{align*}", "&=", "\\\\frac", "\\\\\\\\", " and ", " or ",
        "pct", " percent", "\\mathbb{R}", "\\fbox{", "|x-", "\\ge"};

    private final Verifier verifier = new Verifier();
    /** Generous over the 1 s limit: CI machines are shared, and the point is "no hang". */
    private final long slackMillis = Math.max(5_000, VerifierSettings.defaults().timeLimit().toMillis() * 3);

    @Test
    void adversarialInputsEndCleanly() {
        List<String[]> cases = new ArrayList<>();
        String megabyteDigits = "1".repeat(1 << 20);
        String nestedBraces = "{".repeat(10_000) + "1" + "}".repeat(10_000);
        cases.add(new String[] {"2^{10^{9}}", "2^{10^{9}}"});
        cases.add(new String[] {"5", "2^{10^{9}}"});
        cases.add(new String[] {"2^{10^{9}}", "2^{1000000000}"});
        cases.add(new String[] {"x", "x^{10^{9}} - x^{10^{9}} + x"});
        cases.add(new String[] {"1", "10^{10^{10^{10}}}"});
        cases.add(new String[] {"1", "2^2^2^2^2^2^2^2^2^2^2"});
        cases.add(new String[] {"1", "99999!"});
        cases.add(new String[] {"1", "4000!"});
        cases.add(new String[] {"1", "1e999999999"});
        cases.add(new String[] {"1", "1e-999999999"});
        cases.add(new String[] {"1e999999999", "1e999999999"});
        cases.add(new String[] {"1", "\\binom{100000}{50000}"});
        cases.add(new String[] {"1", "\\binom{10^{9}}{500000000}"});
        cases.add(new String[] {"1", "(10^{5000})^{10^{5000}}"});
        cases.add(new String[] {"1", nestedBraces});
        cases.add(new String[] {nestedBraces, "1"});
        cases.add(new String[] {"1", "\\boxed{" + nestedBraces + "}"});
        cases.add(new String[] {"1", "(".repeat(10_000) + "1" + ")".repeat(10_000)});
        cases.add(new String[] {"1", "\\frac{".repeat(5_000) + "1" + "}{2}".repeat(5_000)});
        cases.add(new String[] {"1", "\\sqrt{".repeat(5_000) + "1" + "}".repeat(5_000)});
        cases.add(new String[] {"1", "x^{".repeat(5_000) + "1" + "}".repeat(5_000)});
        cases.add(new String[] {"1", "-".repeat(100_000) + "1"});
        cases.add(new String[] {"1", megabyteDigits});
        cases.add(new String[] {megabyteDigits, megabyteDigits});
        cases.add(new String[] {"1", "\\boxed{" + "x+".repeat(500_000) + "1}"});
        cases.add(new String[] {"1", "\\boxed{".repeat(150_000)});
        cases.add(new String[] {"1", "$".repeat(1 << 20)});
        cases.add(new String[] {"1", "Answer:".repeat(150_000)});
        cases.add(new String[] {"1", "{".repeat(1 << 20)});
        cases.add(new String[] {"1", "}".repeat(1 << 20) + "\\boxed{1"});
        cases.add(new String[] {"1", "\\left(".repeat(100_000)});
        cases.add(new String[] {"1", "1+".repeat(4_000) + "1"});
        cases.add(new String[] {"1", "1 \\pm ".repeat(40) + "1"});
        cases.add(new String[] {"1", "(".repeat(3000) + "1,2" + "]".repeat(3000)});
        cases.add(new String[] {"\\{" + "1,".repeat(4000) + "1\\}", "\\{" + "2,".repeat(4000) + "1\\}"});
        cases.add(new String[] {"1", "e^{e^{e^{e^{e^{e^{10}}}}}}"});
        cases.add(new String[] {"x", "\\log(x-x) + x"});
        cases.add(new String[] {"1", "1/0"});
        cases.add(new String[] {"1", "0^{-1}"});
        cases.add(new String[] {"1", "\\frac{1}{2"});
        cases.add(new String[] {"1", "\\begin{pmatrix} 1 & 2 \\\\ 3 \\end{pmatrix}"});
        cases.add(new String[] {"\\", "\\"});
        // scans of the Math-Verify extraction: each stays linear on a megabyte
        cases.add(new String[] {"2", "The final answer is ".repeat(50_000)});
        cases.add(new String[] {"2", "final answer".repeat(80_000) + " is $1$"});
        cases.add(new String[] {"2", "answer is ".repeat(100_000)});
        cases.add(new String[] {"2", "\\begin{align*}".repeat(70_000)});
        cases.add(new String[] {"2", "\\(".repeat(500_000)});
        cases.add(new String[] {"2", "\\[".repeat(500_000)});
        cases.add(new String[] {"2", "\\\\".repeat(500_000) + "frac"});
        cases.add(new String[] {"2", "\\\\frac{".repeat(100_000)});
        cases.add(new String[] {"2", "$1$ ".repeat(250_000)});
        cases.add(new String[] {"2", "Answer: $1$\n".repeat(80_000)});
        cases.add(new String[] {"2", "\\boxed{1}".repeat(100_000)});
        cases.add(new String[] {"2", "3/".repeat(300_000) + "4"});
        cases.add(new String[] {"2", "1:".repeat(3_000) + "1"});
        cases.add(new String[] {"2", "x = ".repeat(3_000) + "1"});
        cases.add(new String[] {"2", "\\{x \\mid ".repeat(2_000) + "x > 1" + "\\}".repeat(2_000)});
        cases.add(new String[] {"(5, 7)", "|".repeat(2_000) + "x" + "|".repeat(2_000) + " < 1"});
        cases.add(new String[] {"(5, 7)", "1 < " + "2x + ".repeat(2_000) + "1 < 3"});
        cases.add(new String[] {"2", "x = \\pm 1 \\pm 1 \\pm 1 \\pm 1 \\pm 1, y = \\pm 2"});
        cases.add(new String[] {"", ""});
        for (String[] c : cases) {
            Verdict v = timed(c[0], c[1]);
            assertFalse(v.equal() && !c[0].equals(c[1]), () -> "unexpected true: " + abbreviate(c[1]) + " " + v.reason());
        }
        assertTrue(timed("2^{10^{9}}", "2^{10^{9}}").hitLimit());
        assertTrue(timed("1", megabyteDigits).hitLimit());
        assertTrue(timed("1", nestedBraces).hitLimit());
        assertTrue(timed("1", "1e999999999").hitLimit());
        assertTrue(timed("1", "4000!").hitLimit());
        assertTrue(timed("1", "The answer is " + "very ".repeat(200_000) + "clearly \\boxed{1}.").equal());
    }

    @Test
    void randomStringsEndCleanly() {
        Random random = new Random(20261126);
        for (int k = 0; k < 4000; k++) {
            StringBuilder a = new StringBuilder();
            StringBuilder b = new StringBuilder();
            int len = 1 + random.nextInt(k % 100 == 0 ? 2000 : 25);
            for (int j = 0; j < len; j++) {
                a.append(PIECES[random.nextInt(PIECES.length)]);
                b.append(PIECES[random.nextInt(PIECES.length)]);
            }
            timed(a.toString(), b.toString());
            timed(a.toString(), a.toString());
        }
    }

    @Test
    void aTightTimeLimitHolds() {
        Verifier quick = new Verifier(VerifierSettings.defaults().withTimeLimit(java.time.Duration.ofMillis(5)));
        // 190 symbolic set items, the prediction's in reverse order and its last one different: every
        // gold item but the last is matched only after scanning most of the prediction, each pair
        // evaluated at sample points, so the missing item is reached long after 5 ms on any machine
        // (a mismatch in the first item would end the check at once, faster than the limit)
        int n = 190; // 190 x 190 pairs stays under the verifier's 40,000-pair list limit
        StringBuilder gold = new StringBuilder("\\{");
        StringBuilder pred = new StringBuilder("\\{");
        for (int k = 0; k < n; k++) {
            int p = n - 1 - k;
            gold.append(k == 0 ? "" : ",").append("x^{").append(k).append("}+\\sin(x y ").append(k).append(")");
            pred.append(k == 0 ? "" : ",").append("x^{").append(p).append("}+\\sin(x y ")
                    .append(p == n - 1 ? p + 1 : p).append(")");
        }
        long start = System.nanoTime();
        Verdict v = quick.verify(gold.append("\\}").toString(), pred.append("\\}").toString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertFalse(v.equal());
        assertTrue(v.hitLimit() && v.reason().contains("time limit of 5 ms"), v.reason());
        assertTrue(millis < 1000, "took " + millis + " ms");
    }

    private Verdict timed(String gold, String pred) {
        long start = System.nanoTime();
        Verdict v = verifier.verify(gold, pred);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis <= slackMillis, () -> "took " + millis + " ms on " + abbreviate(gold) + " vs " + abbreviate(pred));
        assertFalse(v.reason().startsWith("internal error"), () -> v.reason() + " on " + abbreviate(gold) + " vs "
                + abbreviate(pred));
        return v;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "... (" + s.length() + " chars)";
    }
}
