package org.rmel.tasks.arith;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The teacher whose solutions the built-in model imitates in its supervised warm start: a
 * stand-in for pretraining on human solutions, which are right in method but careless in places.
 * It writes the canonical one-rewrite-per-line solution, except that with probability
 * {@code rate} it <em>drops the carry</em> of an addition step whose units digits overflow (writes
 * {@code 56+7} as {@code 53}) and <em>drops the borrow</em> of a subtraction step whose units
 * digit is too small (writes {@code 60-9} as {@code 61}): the units digit is right, the tens digit
 * is not adjusted. The rest of the trace is computed correctly from the value it wrote, so a slip
 * makes a wrong final answer, as a careless person's would.
 *
 * <p>Only those steps are noised: a step without carry or borrow, and a multiplication, are
 * always right. A dropped carry is not made when it would drive a later running value below zero
 * (the task has no negative numbers), so the realised rate is slightly under {@code rate}.
 *
 * <p>With a rate above one half, a model that imitates this teacher well has the wrong digit as its
 * most likely token on carry and borrow steps while the right one keeps a probability near
 * {@code 1 − rate}: greedy decoding is systematically wrong where sampling is often right, which
 * is what verified-reward RL can correct (docs/default-run.md).
 *
 * @param noise which slip the teacher makes
 * @param rate the probability of the slip on a step where it can happen, in [0, 1]
 */
public record SloppyTeacher(Noise noise, double rate) {
    /** The kinds of slip. */
    public enum Noise {
        /** Always the canonical solution. */
        NONE,
        /** Drops the carry of an overflowing addition and the borrow of a short subtraction. */
        DROP_CARRY;

        /** The setting's value, e.g. {@code drop_carry}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses a setting's value. */
        public static Noise fromWireName(String text) {
            for (Noise n : values()) {
                if (n.wireName().equals(text)) {
                    return n;
                }
            }
            throw new IllegalArgumentException("unknown noise '" + text + "'; expected none or drop_carry");
        }
    }

    public SloppyTeacher {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("noise rate must be in [0, 1], got " + rate);
        }
    }

    /** The teacher that never slips. */
    public static SloppyTeacher exact() {
        return new SloppyTeacher(Noise.NONE, 0);
    }

    /**
     * The teacher's solution of {@code p}: its lines (steps, then the answer line), without
     * delimiters, as {@link ArithFormat#lines} gives them for a response.
     */
    public List<String> lines(ArithProblem p, SplittableRandom random) {
        ArithChain chain = ArithChain.parse(p.question());
        List<String> out = new ArrayList<>();
        long value = chain.first();
        for (int i = 0; i < chain.size(); i++) {
            long right = chain.apply(i, value);
            long written = right;
            if (noise == Noise.DROP_CARRY && needsCarry(chain.op(i), value, chain.operand(i))
                    && random.nextDouble() < rate) {
                long slipped = dropCarry(chain.op(i), right);
                if (chain.staysNonNegative(i + 1, slipped)) {
                    written = slipped;
                }
            }
            value = written;
            out.add(i == chain.size() - 1 ? ArithFormat.ANSWER_TAG + value : chain.remaining(i + 1, value));
        }
        return out;
    }

    /** The teacher's solution as a response text (lines ended by newlines). */
    public String response(ArithProblem p, SplittableRandom random) {
        return String.join(ArithFormat.STEP_DELIMITER, lines(p, random)) + "\n";
    }

    /**
     * True when the step {@code a op b} needs a carry (addition whose units digits sum to ten or
     * more) or a borrow (subtraction whose units digit of {@code a} is smaller than that of {@code b}).
     */
    public static boolean needsCarry(char op, long a, long b) {
        return switch (op) {
            case '+' -> a % 10 + b % 10 >= 10;
            case '-' -> a % 10 < b % 10;
            default -> false;
        };
    }

    /** The result written when the carry (borrow) into the tens digit is forgotten. */
    static long dropCarry(char op, long right) {
        return op == '+' ? right - 10 : right + 10;
    }
}
