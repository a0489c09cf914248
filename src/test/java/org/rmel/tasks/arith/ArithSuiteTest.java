package org.rmel.tasks.arith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rmel.base.BadInputException;

class ArithSuiteTest {
    private static final Pattern STEP = Pattern.compile("(\\d+)([-+*])(\\d+)=(\\d+)");

    @Test
    void everyStepIsCorrectArithmeticAndChainsIntoTheAnswer() {
        for (ArithProblem p : new ArithSuite(3).trainingPool(500)) {
            BigInteger carried = null;
            for (String step : p.steps()) {
                Matcher m = STEP.matcher(step);
                assertTrue(m.matches(), step);
                BigInteger a = new BigInteger(m.group(1));
                BigInteger b = new BigInteger(m.group(3));
                BigInteger expected = switch (m.group(2)) {
                    case "+" -> a.add(b);
                    case "-" -> a.subtract(b);
                    default -> a.multiply(b);
                };
                assertEquals(expected, new BigInteger(m.group(4)), step);
                assertTrue(expected.signum() >= 0, "no negative intermediate values: " + step);
                if (carried != null) {
                    assertEquals(carried, a, "each step starts from the previous result in " + p);
                }
                carried = expected;
            }
            assertEquals(carried.toString(), p.answer());
            assertEquals(p.tier().ops(), p.steps().size());
        }
    }

    @Test
    void textsAreShortAndUseOnlyTheAlphabet() {
        for (ArithProblem p : new ArithSuite(5).trainingPool(500)) {
            String longestHint = p.steps().stream().max((a, b) -> a.length() - b.length()).orElseThrow();
            String full = ArithFormat.prompt(p.question(), longestHint) + p.solution();
            assertTrue(full.length() <= 120, full.length() + " chars: " + full);
            for (char c : full.toCharArray()) {
                assertTrue(ArithFormat.ALPHABET.indexOf(c) >= 0, "char '" + c + "' in " + full);
            }
            assertTrue(p.solution().endsWith("Answer: " + p.answer() + "\n"));
        }
    }

    @Test
    void deterministicFromTheSeedAndDifferentAcrossSeeds() {
        assertEquals(new ArithSuite(11).trainingPool(50), new ArithSuite(11).trainingPool(50));
        assertEquals(new ArithSuite(11).evalSet("arith-3op-2d", 20, 50), new ArithSuite(11).evalSet("arith-3op-2d", 20, 50));
        assertNotEquals(new ArithSuite(11).trainingPool(50), new ArithSuite(12).trainingPool(50));
    }

    @Test
    void evalSetsAreHeldOutFromTheTrainingPoolAndNamedByTier() {
        ArithSuite suite = new ArithSuite(1);
        Set<String> train = new HashSet<>();
        suite.trainingPool(400).forEach(p -> train.add(p.question()));
        var sets = suite.evalSets(50, 400);
        assertEquals(ArithSuite.evalNames(), List.copyOf(sets.keySet()));
        sets.forEach((name, problems) -> {
            assertEquals(50, problems.size());
            for (ArithProblem p : problems) {
                assertTrue(!train.contains(p.question()), "held out: " + p.question());
                assertEquals(name, p.tier().name());
            }
        });
    }

    @Test
    void carriesAndBorrowsAreCommon() {
        int carries = 0;
        int borrows = 0;
        for (ArithProblem p : new ArithSuite(2).trainingPool(200)) {
            for (String step : p.steps()) {
                Matcher m = STEP.matcher(step);
                m.matches();
                long a = Long.parseLong(m.group(1));
                long b = Long.parseLong(m.group(3));
                if (m.group(2).equals("+") && (a % 10) + (b % 10) >= 10) {
                    carries++;
                }
                if (m.group(2).equals("-") && (a % 10) < (b % 10)) {
                    borrows++;
                }
            }
        }
        assertTrue(carries > 50 && borrows > 50, "carries " + carries + ", borrows " + borrows);
    }

    @Test
    void unknownBenchmarkNamesTheKnownOnes() {
        var e = assertThrows(BadInputException.class, () -> new ArithSuite(1).evalSet("aime24", 5, 5));
        assertTrue(e.getMessage().contains("aime24") && e.getMessage().contains("arith-2op-2d"), e.getMessage());
    }

    @Test
    void linesSplitAResponseIntoSteps() {
        ArithProblem p = new ArithSuite(4).trainingPool(1).get(0);
        List<String> lines = ArithFormat.lines(p.solution());
        assertEquals(p.steps().size() + 1, lines.size());
        assertEquals("Answer: " + p.answer(), lines.get(lines.size() - 1));
    }
}
