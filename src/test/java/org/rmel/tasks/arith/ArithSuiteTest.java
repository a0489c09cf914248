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
    private static final Pattern OPERATION = Pattern.compile("[-+*]\\d+");

    @Test
    void everyLineRewritesTheExpressionWithOneMoreOperationDone() {
        for (ArithProblem p : new ArithSuite(3).trainingPool(500)) {
            List<String> expressions = new java.util.ArrayList<>();
            expressions.add(p.question());
            expressions.addAll(p.steps());
            assertEquals(p.tier().ops() - 1, p.steps().size());
            for (int i = 0; i < expressions.size(); i++) {
                List<String> ops = operations(expressions.get(i));
                assertEquals(p.tier().ops() - i, ops.size(), expressions.get(i));
                assertEquals(p.answer(), evaluate(expressions.get(i)).toString(), "value kept in " + p);
                if (i > 0) {
                    assertEquals(operations(expressions.get(i - 1)).subList(1, ops.size() + 1), ops,
                            "a step copies the remaining operations of the line before");
                }
            }
            assertTrue(p.question().lastIndexOf('*') <= 0 || operations(p.question()).get(0).startsWith("*"),
                    "multiplication only first, so precedence and left-to-right agree: " + p.question());
        }
    }

    private static List<String> operations(String expression) {
        Matcher m = OPERATION.matcher(expression);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static BigInteger evaluate(String expression) {
        Matcher head = Pattern.compile("^\\d+").matcher(expression);
        assertTrue(head.find(), expression);
        BigInteger v = new BigInteger(head.group());
        for (String op : operations(expression)) {
            BigInteger b = new BigInteger(op.substring(1));
            v = switch (op.charAt(0)) {
                case '+' -> v.add(b);
                case '-' -> v.subtract(b);
                default -> v.multiply(b);
            };
            assertTrue(v.signum() >= 0, "no negative values: " + expression);
        }
        return v;
    }

    @Test
    void textsAreShortAndUseOnlyTheAlphabet() {
        List<ArithProblem> all = new java.util.ArrayList<>(new ArithSuite(5).trainingPool(500));
        new ArithSuite(5).evalSets(200, 50).values().forEach(all::addAll);
        for (ArithProblem p : all) {
            String longestHint = ArithFormat.lines(p.solution()).stream().max((a, b) -> a.length() - b.length()).orElseThrow();
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
        List<ArithProblem> all = new java.util.ArrayList<>();
        new ArithSuite(2).evalSets(60, 50).values().forEach(all::addAll);
        for (ArithProblem p : all) {
            Matcher head = Pattern.compile("^\\d+").matcher(p.question());
            head.find();
            long a = Long.parseLong(head.group());
            for (String op : operations(p.question())) {
                long b = Long.parseLong(op.substring(1));
                if (op.charAt(0) == '+' && (a % 10) + (b % 10) >= 10) {
                    carries++;
                }
                if (op.charAt(0) == '-' && (a % 10) < (b % 10)) {
                    borrows++;
                }
                a = op.charAt(0) == '+' ? a + b : op.charAt(0) == '-' ? a - b : a * b;
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
