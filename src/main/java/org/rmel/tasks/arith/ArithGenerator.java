package org.rmel.tasks.arith;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws problems of one tier, deterministically from a seed. Operations are evaluated left to
 * right; the question shows that order with brackets before a multiplication. Addition and
 * subtraction take operands of the tier's digit count (so carries and borrows are frequent);
 * multiplication takes a single digit (at most one per problem) so numbers stay short enough
 * for a character-level model. Subtraction never goes below zero.
 */
public final class ArithGenerator {
    private static final double MULTIPLY_PROBABILITY = 0.25;
    private final SplittableRandom random;

    public ArithGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The next problem of the tier, with the given id. */
    public ArithProblem next(String id, ArithTier tier) {
        long value = operand(tier.digits());
        StringBuilder question = new StringBuilder(Long.toString(value));
        List<String> steps = new ArrayList<>();
        boolean multiplied = false;
        for (int i = 0; i < tier.ops(); i++) {
            char op;
            long operand;
            if (!multiplied && i > 0 && random.nextDouble() < MULTIPLY_PROBABILITY) {
                op = '*';
                operand = 2 + random.nextInt(8);
                multiplied = true;
            } else if (value > 0 && random.nextBoolean()) {
                op = '-';
                operand = Math.min(operand(tier.digits()), value);
                if (operand == value && value > 1) {
                    operand = 1 + random.nextLong(value - 1);
                }
            } else {
                op = '+';
                operand = operand(tier.digits());
            }
            long result = switch (op) {
                case '+' -> value + operand;
                case '-' -> value - operand;
                default -> value * operand;
            };
            if (op == '*' && i > 0) {
                question.insert(0, '(').append(')');
            }
            question.append(op).append(operand);
            steps.add(value + Character.toString(op) + operand + "=" + result);
            value = result;
        }
        return new ArithProblem(id, question.toString(), steps, Long.toString(value), tier);
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
