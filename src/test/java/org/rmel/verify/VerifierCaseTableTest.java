package org.rmel.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * One row per rule of the verifier, positive and negative. Columns: gold | prediction | expected.
 * The separator is '|' because answers contain commas; backslashes are doubled (Java text block),
 * and {@code <NL>} stands for a line break.
 */
class VerifierCaseTableTest {
    private final Verifier verifier = new Verifier();

    @ParameterizedTest(name = "[{index}] gold {0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # --- extraction
            5                     | The answer is \\boxed{5}.                         | true
            5                     | first \\boxed{4}, corrected: \\boxed{5}            | false
            5                     | \\boxed{5}, checked again: \\boxed{5}             | true
            4, 5                  | first \\boxed{4}, then \\boxed{5}                 | true
            5                     | first \\boxed{5}, corrected: \\boxed{4}            | false
            5                     | \\fbox{5}                                          | true
            \\frac{1}{2}          | \\boxed{\\frac{1}{\\left(1+1\\right)}}            | true
            12                    | Work...<NL>Answer: 12                                | true
            12                    | Work...<NL>Answer: $12$                              | true
            12                    | Work...<NL>Answer: 13                                | false
            1239                  | 47+385=432<NL>432-19=413<NL>413*3=1239<NL>Answer: 1239<NL> | true
            1239                  | 47+385=432<NL>432-19=413<NL>413*3=1239<NL>          | true
            1239                  | 47+385=432<NL>432-19=413<NL>413*3=1238<NL>          | false
            1239                  | 413*3=1239<NL>Answer: 1239 1240<NL>                 | false
            7                     | so $x = 3$ and then $$7$$                          | true
            7                     | so \\(7\\)                                         | true
            7                     | so \\[7\\]                                         | true
            7                     | after all that we get 7.                           | true
            7                     | after all that we get 8.                           | false
            7                     | no number at all                                   | false
            7                     | 7 apples                                           | true
            42                    | Work...<NL>**Answer:** 42                          | true
            5                     | Final Answer: The final answer is $5$. I hope it is correct. | true
            $\\frac{3}{4}$         | 0.75                                               | true
            # --- normalisation
            \\frac{3}{4}          | \\dfrac{3}{4}                                      | true
            \\frac{3}{4}          | \\tfrac34                                          | true
            \\frac{3}{4}          | \\left(\\frac{3}{4}\\right)                       | true
            \\text{Evelyn}        | Evelyn                                             | true
            \\text{Evelyn}        | \\textbf{evelyn}                                   | true
            \\text{Evelyn}        | Emily                                              | false
            \\text{(C)}           | C                                                  | true
            \\text{(C)}           | \\textbf{(C)}                                      | true
            \\text{(C)}           | (D)                                                | false
            \\text{(C)}           | \\textbf{(C) } 12                                  | true
            \\text{(C)}           | (D) 12                                             | false
            90^\\circ             | 90                                                 | true
            90^\\circ             | 90 degrees                                         | true
            90^\\circ             | 90^{\\circ}                                        | true
            90^\\circ             | 80^\\circ                                          | false
            864 \\mbox{ inches}^2 | 864                                                | true
            5.4 \\text{ cents}    | 5.4                                                | true
            5 \\text{ cm}         | 6 \\text{ cm}                                      | false
            12                    | 12 \\text{ apples}                                | true
            1.6                   | \\approx 1.6                                      | true
            7425000               | 7,425,000                                          | true
            7425000               | 7 425 000                                          | true
            10080                 | 10,\\!080                                          | true
            3.5                   | 3{,}5                                              | true
            2000                  | 2{,}000                                            | true
            1234567               | 1{,}234{,}567                                      | true
            \\$32,\\!348          | 32348                                              | true
            \\$18.90              | 18.9                                               | true
            x=5                   | 5                                                  | true
            5                     | x = 5                                              | true
            x=5                   | 6                                                  | false
            2                     | 2.                                                 | true
            3                     | 3\\!                                               | true
            3\\sqrt{13}           | 3\\,\\sqrt{13}                                     | true
            3\\sqrt{13}           | 3~\\sqrt{13}                                       | true
            52_8                  | 52                                                 | true
            52_8                  | 52_{8}                                             | true
            52_8                  | 53_8                                               | false
            # --- numbers, fractions, powers, roots
            0.5                   | \\frac{1}{2}                                       | true
            0.5                   | \\frac{1}{3}                                       | false
            \\frac{1}{3}          | 0.3333333                                          | true
            \\frac{1}{3}          | 0.33                                               | false
            .35625                | \\frac{57}{160}                                    | true
            4.5e33                | 4.5\\times 10^{33}                                 | true
            4.5e33                | 4.6 \\times 10^{33}                                | false
            3986729               | 3986730                                            | false
            1\\frac{4}{5}         | \\frac{9}{5}                                       | true
            1\\frac{4}{5}         | \\frac{4}{5}                                       | false
            -\\frac{35}{9}        | \\frac{-35}{9}                                     | true
            -\\frac{35}{9}        | \\frac{35}{9}                                      | false
            2^{1009}              | 2^{1009}                                           | true
            2^{1009}              | 2^{1008}                                           | false
            \\sqrt{51}            | 51^{1/2}                                           | true
            \\sqrt{51}            | \\sqrt{52}                                         | false
            5\\sqrt[3]{4}         | \\sqrt[3]{500}                                     | true
            5\\sqrt[3]{4}         | \\sqrt[3]{501}                                     | false
            11\\sqrt2             | 11\\sqrt{2}                                        | true
            \\frac{3\\sqrt{3}}{4} | \\frac{3}{4}\\sqrt{3}                              | true
            \\frac{3\\sqrt{3}}{4} | \\frac{3}{4}\\sqrt{2}                              | false
            \\frac{100!}{2^{50}}  | \\frac{100!}{2^{50}}                               | true
            \\binom{6}{2}         | 15                                                 | true
            \\binom{6}{2}         | 16                                                 | false
            \\pi                  | 3.141592653589793                                  | true
            \\pi                  | 3.1415927                                          | false
            \\pi                  | 3.14                                               | false
            18+2\\pi              | 2\\pi + 18                                         | true
            1+274i                | 274i+1                                             | true
            1+274i                | 274+i                                              | false
            6 - 5i                | 6-5i                                               | true
            \\ln 2 + i\\pi / 3    | \\log(2) + \\frac{\\pi i}{3}                       | true
            e^{t} / 3             | \\frac{\\exp(t)}{3}                                | true
            \\sin^2 x + \\cos^2 x | 1                                                  | true
            \\cot x               | \\frac{\\cos x}{\\sin x}                           | true
            \\cot x               | \\tan x                                            | false
            # --- symbolic
            p - q                 | -q + p                                             | true
            p - q                 | q - p                                              | false
            (a+5)(b+2)            | ab + 2a + 5b + 10                                  | true
            (a+5)(b+2)            | ab + 2a + 5b + 11                                  | false
            x^5 - x^4 + x^3 - x^2 + x - 1 | (x-1)(x^4+x^2+1)                         | true
            \\frac{n(n+1)}{2}     | \\frac{n^2+n}{2}                                   | true
            \\frac{n(n+1)}{2}     | \\frac{n^2+n}{3}                                   | false
            2n                    | 2k                                                 | false
            \\lfloor\\frac{2n-1}{5}\\rfloor | \\lfloor\\frac{2n-1}{6}\\rfloor           | false
            f(x)=2x               | 2x                                                 | true
            f(x)=2x               | f(x) = x + x                                       | true
            \\log_{2} 8           | 3                                                  | true
            # --- tuples, intervals, sets, unions, lists, equations, matrices
            (3, \\frac{\\pi}{2})  | \\left( 3, \\frac{\\pi}{2} \\right)                | true
            (3, \\frac{\\pi}{2})  | (\\frac{\\pi}{2}, 3)                               | false
            (1,2)                 | (1,2,3)                                            | false
            (3,4]                 | (3,4]                                              | true
            (3,4]                 | (3,4)                                              | false
            (3,4]                 | [3,4]                                              | false
            (-\\infty, 0]         | (-\\infty,0]                                       | true
            (2,\\infty)           | (2, \\infty)                                       | true
            (2,\\infty)           | (-\\infty, 2)                                      | false
            (2,4)                 | (2,4)                                              | true
            x \\in [-2,7]         | [-2,7]                                             | true
            (0,9) \\cup (9,36)    | (9,36) \\cup (0,9)                                 | true
            (0,9) \\cup (9,36)    | (0,36)                                             | false
            \\{1\\pm\\sqrt{5},-2\\} | -2, 1+\\sqrt5, 1-\\sqrt5                         | true
            \\{1\\pm\\sqrt{5},-2\\} | -2, 1+\\sqrt5                                    | false
            1 \\pm \\sqrt{19}     | 1+\\sqrt{19}, 1-\\sqrt{19}                         | true
            1,-2                  | -2, 1                                              | true
            1,-2                  | -2, 2                                              | false
            1,-2                  | 1                                                  | false
            3, 5, 7               | 7,5,3                                              | true
            (1,8,19), (2,7,13)    | (2,7,13), (1,8,19)                                 | true
            (1,8,19), (2,7,13)    | (7,2,13), (1,8,19)                                 | false
            5x - 7y + 11z + 4 = 0 | -10x + 14y - 22z - 8 = 0                           | true
            5x - 7y + 11z + 4 = 0 | 5x - 7y + 11z + 5 = 0                              | false
            y = 2x + 3            | 2x+3                                               | true
            k \\geq 2             | 2 \\le k                                           | true
            k \\geq 2             | k > 2                                              | false
            k \\geq 2             | [2, \\infty)                                       | true
            k \\geq 2             | (2, \\infty)                                       | false
            (3,4]                 | 3 < x \\le 4                                       | true
            (3,4]                 | 4 \\ge x > 3                                       | true
            (3,4]                 | 3 \\le x \\le 4                                    | false
            (-\\infty, 0]         | x \\leq 0                                          | true
            \\begin{pmatrix} -1/3 \\\\ 2/3 \\\\ 5/3 \\end{pmatrix} | \\begin{pmatrix} -\\frac13 \\\\ \\frac23 \\\\ \\frac53 \\end{pmatrix} | true
            \\begin{pmatrix} -1/3 \\\\ 2/3 \\\\ 5/3 \\end{pmatrix} | (-1/3, 2/3, 5/3)  | true
            \\begin{pmatrix} -1/3 \\\\ 2/3 \\\\ 5/3 \\end{pmatrix} | (-1/3, 5/3, 2/3)  | false
            \\begin{pmatrix} -1 & 0 \\\\ 0 & -1 \\end{pmatrix} | \\begin{bmatrix} -1 & 0 \\\\ 0 & -1 \\end{bmatrix} | true
            \\begin{pmatrix} -1 & 0 \\\\ 0 & -1 \\end{pmatrix} | \\begin{pmatrix} -1 & 0 \\\\ 0 & 1 \\end{pmatrix} | false
            # --- percent rule
            50\\%                 | 0.5                                                | true
            50\\%                 | 50                                                 | true
            50\\%                 | \\frac{1}{2}                                       | true
            50\\%                 | 50\\%                                              | true
            50\\%                 | 5\\%                                               | false
            0.5                   | 50\\%                                              | true
            50                    | 50\\%                                              | true
            50                    | 0.5                                                | false
            62.5%                 | 62.5 percent                                       | true
            """)
    void caseTable(String gold, String prediction, boolean expected) {
        String pred = prediction.replace("<NL>", "\n");
        Verdict v = verifier.verify(gold, pred);
        assertEquals(expected, v.equal(), () -> "gold " + gold + " vs " + pred + ": " + v);
    }

    @Test
    void aPercentSignMayBeLeftOutOnEitherSide() {
        // Math-Verify reads "45 pct" and 45\\% as the answer 45 (and 45\\% also as 0.45)
        assertTrue(verifier.isEqual("25\\%", "25"));
        assertTrue(verifier.isEqual("25", "25\\%"));
        assertTrue(verifier.isEqual("25", "The share is 25 pct."));
        assertTrue(verifier.isEqual("0.25", "25\\%"));
        assertFalse(verifier.isEqual("25", "0.25"));
        assertFalse(verifier.isEqual("25", "26\\%"));
    }

    @Test
    void verdictCarriesExtractedAndParsedForms() {
        Verdict v = verifier.verify("$\\frac{1}{2}$", "Thus \\boxed{0.5}.");
        assertTrue(v.equal());
        assertEquals("\\frac{1}{2}", v.goldAnswer());
        assertEquals("0.5", v.predAnswer());
        assertEquals("1/2", v.goldParsed());
        assertEquals("0.5", v.predParsed());
        assertTrue(v.reason().contains("equal"), v.reason());
    }

    @Test
    void missingAnswerIsAReasonNotAnException() {
        Verdict v = verifier.verify("5", "I do not know.");
        assertFalse(v.equal());
        assertNull(v.predAnswer());
        assertEquals("no answer found in the prediction", v.reason());
        assertFalse(verifier.verify(null, "5").equal());
        assertFalse(verifier.verify("5", null).equal());
    }

    @Test
    void extractAnswerFollowsThePriorityOrder() {
        assertEquals("3", verifier.extractAnswer("$2$ then \\boxed{3} and Answer: 4"));
        assertEquals("4", verifier.extractAnswer("$2$ then\nAnswer: 4"));
        assertEquals("2", verifier.extractAnswer("so $2$ it is, 5 apples"));
        assertEquals("-3.5", verifier.extractAnswer("we find it is -3.5."));
        assertEquals("x^2+1", verifier.extractAnswer("x^2+1"));
        assertNull(verifier.extractAnswer("nothing here"));
    }

    @Test
    void unparseableAnswersCompareAsText() {
        Verdict v = verifier.verify("a ? b", "a ? b");
        assertTrue(v.equal(), v.toString());
        assertTrue(v.reason().contains("could not be parsed"), v.reason());
        Verdict w = verifier.verify("5", "\\boxed{5 +}");
        assertFalse(w.equal());
        assertTrue(w.reason().contains("could not be parsed"), w.reason());
    }
}
