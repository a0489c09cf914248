package org.rmel.tasks.arith;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws problems of one tier, deterministically from a seed.
 *
 * <p>A problem is a chain of operations, e.g. {@code 7*8+46-49}. A multiplication (by one digit)
 * can only come first, so the usual precedence and left-to-right evaluation agree and no
 * brackets are needed. Additions and subtractions take operands of the tier's digit count, so
 * carries and borrows are frequent; subtraction never goes below zero.
 *
 * <p>The canonical solution rewrites the expression one operation at a time — each step line is
 * the remaining expression with its first operation evaluated ({@code 56+46-49},
 * {@code 102-49}) — and the last evaluation is the answer line. A step then needs one small
 * computation plus a copy of the previous line's tail, which a character-level model learns
 * far faster than finding the next operand inside the question.
 */
public final class ArithGenerator {
    private static final double MULTIPLY_FIRST_PROBABILITY = 0.3;
    private final SplittableRandom random;

    public ArithGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The next problem of the tier, with the given id. */
    public ArithProblem next(String id, ArithTier tier) {
        List<String> ops = new ArrayList<>();
        List<Long> operands = new ArrayList<>();
        long value = operand(tier.digits());
        long first = value;
        for (int i = 0; i < tier.ops(); i++) {
            if (i == 0 && tier.ops() > 1 && random.nextDouble() < MULTIPLY_FIRST_PROBABILITY) {
                long m = 2 + random.nextInt(8);
                ops.add("*");
                operands.add(m);
                value *= m;
            } else if (value > 0 && random.nextBoolean()) {
                long o = Math.min(operand(tier.digits()), value);
                ops.add("-");
                operands.add(o);
                value -= o;
            } else {
                long o = operand(tier.digits());
                ops.add("+");
                operands.add(o);
                value += o;
            }
        }
        String question = expression(first, ops, operands, 0);
        List<String> steps = new ArrayList<>();
        long running = first;
        for (int i = 0; i < ops.size() - 1; i++) {
            running = apply(running, ops.get(i), operands.get(i));
            steps.add(expression(running, ops, operands, i + 1));
        }
        return new ArithProblem(id, question, steps, Long.toString(value), tier);
    }

    private static long apply(long a, String op, long b) {
        return switch (op) {
            case "+" -> a + b;
            case "-" -> a - b;
            default -> a * b;
        };
    }

    private static String expression(long start, List<String> ops, List<Long> operands, int from) {
        StringBuilder sb = new StringBuilder(Long.toString(start));
        for (int i = from; i < ops.size(); i++) {
            sb.append(ops.get(i)).append(operands.get(i));
        }
        return sb.toString();
    }

    private long operand(int digits) {
        long low = digits == 1 ? 1 : pow10(digits - 1);
        long high = pow10(digits);
        return low + random.nextLong(high - low);
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }
}
