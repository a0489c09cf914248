package org.rmel.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The individual rules behind the Math-Verify agreement, one test per rule (README, "Verifier"). */
class MathVerifyRulesTest {
    private final Verifier verifier = new Verifier();

    @Test
    void extractionTakesTheHighestPriorityGroupThenTheLastMatch() {
        // "final answer ... is" outranks boxed answers, which outrank "Answer:", which outranks plain math
        assertEquals("7", verifier.extractAnswer("\\boxed{6} ... The final answer is $7$. I hope it is correct."));
        assertEquals("6", verifier.extractAnswer("Answer: $5$\nso \\boxed{6}"));
        assertEquals("5", verifier.extractAnswer("Answer: $5$\nand later we also note $x = 9$."));
        assertEquals("x = 9", verifier.extractAnswer("We note $3$ and later $x = 9$."));
        // within "Answer:" the math must start within 50 characters on the same line
        assertEquals("4", verifier.extractAnswer("**Answer:** 4\n\nCheck: $2 + 2$"));
        // a bare answer after the anchor stops at the end of the sentence; a counted word is dropped
        assertEquals("12", verifier.extractAnswer("Answer: 12 apples. Each costs 3 dollars."));
        // no math at all: the last number, or the arithmetic expression it ends
        assertEquals("3/4", verifier.extractAnswer("The probability of red is 3/4."));
        assertEquals("72", verifier.extractAnswer("48 + 24 = 72 clips.\n#### 72"));
        // an exponent or an index is not the last number
        assertEquals("36", verifier.extractAnswer("The area is 36 cm^2"));
    }

    @Test
    void anUnparseableCandidateGivesWayToTheNextOne() {
        Verdict v = verifier.verify("12", "We get $12$ in total and then $\\frac{1}{$ by a typo.");
        assertTrue(v.equal(), v.toString());
        assertEquals("12", v.predAnswer());
    }

    @Test
    void mathDelimitersOfEveryKindAreFound() {
        assertEquals("8", verifier.extractAnswer("so \\(2^3\\) is \\(8\\)"));
        assertEquals("8", verifier.extractAnswer("so\n\\[\n8\n\\]\n"));
        assertEquals("8", verifier.extractAnswer("so $$\n8\n$$"));
        // an inline $ after a digit is money, and an inline segment does not cross a line
        assertEquals("x", verifier.extractAnswer("it costs 5$ and we call it $x$."));
        // an unclosed final $ (a truncated output) reads to the end of its line
        assertTrue(verifier.isEqual("\\frac{1}{2}", "Let $p$ be the chance. Then the answer is $\\frac{1}{2}"));
        // an align environment is a derivation: its last row, after the last "="
        assertTrue(verifier.isEqual("6", "\\begin{align*}\nS &= 1 + 2 + 3 \\\\\n  &= 6\n\\end{align*}"));
    }

    @Test
    void allBoxedAnswersAreJoinedIntoOneSet() {
        assertEquals("2, 5", verifier.extractAnswer("roots \\boxed{2} and \\boxed{5}"));
        assertTrue(verifier.isEqual("5, 2", "roots \\boxed{2} and \\boxed{5}"));
        assertFalse(verifier.isEqual("5", "first \\boxed{4}, then \\boxed{5}"));
        assertTrue(verifier.isEqual("5", "\\boxed{5} and again \\boxed{5}"));
        // nested boxes count once
        assertEquals("5", verifier.extractAnswer("\\boxed{\\boxed{5}}"));
        assertTrue(verifier.isEqual("5", "\\boxed{\\boxed{5}}"));
        // the MATH convention for reference solutions stays the last box
        assertEquals("5", Verifier.lastBoxed("\\boxed{4} then \\boxed{5}"));
    }

    @Test
    void doubleEscapedLatexIsUndoneButMatrixRowsAreKept() {
        assertEquals("\\frac{1}{2}", DoubleEscapes.undo("\\\\frac{1}{2}"));
        assertEquals("\\left(1\\right)", DoubleEscapes.undo("\\\\left(1\\\\right)"));
        // a real row separator before a space, a digit or a sign is kept
        String matrix = "\\begin{pmatrix} 1 \\\\ 2 \\\\-3 \\end{pmatrix}";
        assertEquals(matrix, DoubleEscapes.undo(matrix));
        // a dumped matrix: its commands and its doubled row separators are halved
        assertEquals(matrix, DoubleEscapes.undo("\\\\begin{pmatrix} 1 \\\\\\\\ 2 \\\\\\\\-3 \\\\end{pmatrix}"));
        // a dumped \( \) delimiter is undone only when the whole text is dumped
        assertEquals("\\(x\\) with \\frac", DoubleEscapes.undo("\\\\(x\\\\) with \\\\frac"));
        assertTrue(verifier.isEqual("\\frac{\\sqrt{3}}{2}", "so \\\\(\\\\boxed{\\\\dfrac{\\\\sqrt{3}}{2}}\\\\)"));
    }

    @Test
    void anEquationAgainstAValueIsReadAsItsValueSide() {
        assertTrue(verifier.isEqual("(5,1)", "\\boxed{(a,b) = (5,1)}"));
        assertTrue(verifier.isEqual("6, 2", "\\boxed{PQ = 6, RS = 2}"));
        assertTrue(verifier.isEqual("\\frac{3}{5}", "\\boxed{\\frac{AM}{MC} = \\frac{3}{5}}"));
        assertTrue(verifier.isEqual("5", "\\boxed{y = 2 + 3 = 6 = 5}"));
        assertFalse(verifier.isEqual("6", "\\boxed{y = 2 + 3 = 6 = 5}"));
        assertTrue(verifier.isEqual("3.14", "\\boxed{\\pi \\approx 3.14}"));
        assertFalse(verifier.isEqual("\\pi", "\\boxed{\\pi \\approx 3.14}"));
        assertTrue(verifier.isEqual("11", "\\boxed{11 = x}"));
        // a gold assignment against a value is its right side; two equations compare as equations
        assertTrue(verifier.isEqual("x = 11", "\\boxed{11}"));
        assertFalse(verifier.isEqual("x = 4", "\\boxed{y = 4}"));
        // a ± inside an equation gives one equation per sign
        assertTrue(verifier.isEqual("3, -3", "\\boxed{x = \\pm 3}"));
    }

    @Test
    void ratiosAreQuotients() {
        assertTrue(verifier.isEqual("\\frac{5}{12}", "\\boxed{5:12}"));
        assertTrue(verifier.isEqual("5:12", "\\boxed{10 : 24}"));
        assertFalse(verifier.isEqual("5:12", "\\boxed{12:5}"));
    }

    @Test
    void inequalitiesIntervalsAndUnionsAreSetsOfReals() {
        assertTrue(verifier.isEqual("[-3, 4]", "\\boxed{-3 \\le x \\le 4}"));
        assertTrue(verifier.isEqual("-3 \\le x \\le 4", "\\boxed{x \\in [-3, 4]}"));
        assertFalse(verifier.isEqual("[-3, 4]", "\\boxed{-3 < x \\le 4}"));
        assertTrue(verifier.isEqual("[-\\frac52, -2] \\cup [2, \\frac52]", "\\boxed{2 \\le |w| \\le 5/2}"));
        assertTrue(verifier.isEqual("(-\\infty, -1] \\cup [1, \\infty)", "\\boxed{|x| \\ge 1}"));
        assertTrue(verifier.isEqual("(1, 3)", "\\boxed{|x - 2| < 1}"));
        assertTrue(verifier.isEqual("(-\\infty, 2)", "\\boxed{-2x + 1 > -3}"));
        assertTrue(verifier.isEqual("[-3, 4]", "\\boxed{\\{x \\mid -3 \\le x \\le 4\\}}"));
        assertTrue(verifier.isEqual("\\mathbb{R}", "\\boxed{(-\\infty, \\infty)}"));
        assertTrue(verifier.isEqual("(-\\infty, -2) \\cup (3, \\infty)", "\\boxed{x < -2 \\text{ or } x > 3}"));
        // an infinite end is open however it is written
        assertTrue(verifier.isEqual("[2, \\infty)", "\\boxed{[2, \\infty]}"));
        // two variables are not a set of reals
        assertFalse(verifier.isEqual("(1, 3)", "\\boxed{x < y}"));
    }

    @Test
    void setsAndTuplesFollowSymPysOrder() {
        assertTrue(verifier.isEqual("\\{2, 5\\}", "\\boxed{(5, 2)}"));
        assertTrue(verifier.isEqual("(2, 5)", "\\boxed{2}, \\boxed{5}"));
        assertFalse(verifier.isEqual("(5, 2)", "\\boxed{2}, \\boxed{5}"));
        assertFalse(verifier.isEqual("(2, 5)", "\\boxed{(5, 2)}"));
    }

    @Test
    void decimalsAreRoundedToSixPlacesAndExactNumbersCompareExactly() {
        assertTrue(verifier.isEqual("\\frac{1}{3}", "0.333333"));
        assertTrue(verifier.isEqual("\\frac{1}{3}", "0.3333334"));
        assertFalse(verifier.isEqual("\\frac{1}{3}", "0.33333"));
        assertFalse(verifier.isEqual("\\frac{2}{3}", "0.666666"));
        assertFalse(verifier.isEqual("\\frac{1}{3}", "\\frac{3333333}{10000000}"));
        assertFalse(verifier.isEqual("142.857", "\\frac{1000}{7}"));
        // below the sixth place, six significant digits (Math-Verify would equate 1e-8 and 2e-8)
        assertFalse(verifier.isEqual("1e-8", "2e-8"));
        assertTrue(verifier.isEqual("1.5 \\times 10^{-8}", "1.5e-8"));
        // a decimal against an irrational value must agree to double precision
        assertFalse(verifier.isEqual("\\sqrt{2}", "1.414214"));
        assertTrue(verifier.isEqual("\\frac{\\pi}{2}", "0.5\\pi"));
        Verifier coarse = new Verifier(VerifierSettings.defaults().withFloatRounding(2));
        assertTrue(coarse.isEqual("\\frac{1}{3}", "0.33"));
    }

    @Test
    void unitsAndPercentWordsAreDropped() {
        assertTrue(verifier.isEqual("45", "so the rate is 45 pct."));
        assertTrue(verifier.isEqual("45", "So the final answer is 45 percentage."));
        assertTrue(verifier.isEqual("12", "\\boxed{12 cm}"));
        assertTrue(verifier.isEqual("12", "\\boxed{\\text{12 red apples}}"));
        assertFalse(verifier.isEqual("2", "\\boxed{2 \\pi}"));
    }

    @Test
    void plusMinusCombinationsUpToSixteen() {
        assertTrue(verifier.isEqual("-1, 1, 3", "\\boxed{1 \\pm 1 \\pm 1}"));
        assertTrue(verifier.isEqual("(1 + 2) \\pm 1", "\\boxed{1 \\pm 1 + 2}"));
        Verdict four = verifier.verify("1", "\\boxed{1 \\pm 1 \\pm 1 \\pm 1 \\pm 1}");
        assertFalse(four.hitLimit(), four.reason());
        Verdict five = verifier.verify("1", "\\boxed{1 \\pm 1 \\pm 1 \\pm 1 \\pm 1 \\pm 1}");
        assertTrue(five.hitLimit() && five.reason().contains("16"), five.reason());
    }

    @Test
    void thePowerLimitIsTheDocumentedBitCount() {
        // 2^{19998} has 19,999 bits, and with its denominator 1 that is 20,000: the limit exactly
        Verdict atLimit = verifier.verify("2^{19998}", "2^{19997} \\cdot 2");
        assertTrue(atLimit.equal(), atLimit.reason());
        Verdict over = verifier.verify("2^{19999}", "2^{19998} \\cdot 2");
        assertTrue(over.hitLimit(), over.reason());
        assertTrue(over.reason().contains("20000"), over.reason());
        // a base with more bits reaches the limit at a smaller exponent, by the same measure:
        // 3^{12617} has 19,998 bits, 3^{12618} has 20,000 (20,001 with the denominator)
        assertTrue(verifier.verify("3^{12617}", "3^{12616} \\cdot 3").equal());
        assertTrue(verifier.verify("3^{12618}", "3^{12617} \\cdot 3").hitLimit());
    }

    @Test
    void candidatesComeInPriorityOrder() {
        List<String> c = AnswerExtractor.candidates(
                "Let $x$ be 2. \\boxed{3}. Answer: $4$. The final answer is $5$. Then 6.");
        assertEquals(List.of("5", "3", "4", "x", "6"), c);
    }
}
