package org.rmel.tasks.arith;

import java.util.ArrayList;
import java.util.List;

/**
 * A chain expression of the suite ({@code 7*8+46-49}) as its first value, operators and
 * operands: non-negative integers, {@code +}, {@code -} and {@code *}, evaluated left to right.
 */
record ArithChain(long first, List<Character> ops, List<Long> operands) {
    ArithChain {
        ops = List.copyOf(ops);
        operands = List.copyOf(operands);
    }

    static ArithChain parse(String expression) {
        List<Character> ops = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= expression.length(); i++) {
            if (i == expression.length() || !Character.isDigit(expression.charAt(i))) {
                if (i == start) {
                    throw new IllegalArgumentException("not a chain expression: '" + expression + "'");
                }
                numbers.add(Long.parseLong(expression.substring(start, i)));
                if (i < expression.length()) {
                    ops.add(expression.charAt(i));
                }
                start = i + 1;
            }
        }
        return new ArithChain(numbers.get(0), ops, numbers.subList(1, numbers.size()));
    }

    int size() {
        return ops.size();
    }

    char op(int i) {
        return ops.get(i);
    }

    long operand(int i) {
        return operands.get(i);
    }

    /** Operation {@code i} applied to {@code value}. */
    long apply(int i, long value) {
        return switch (op(i)) {
            case '+' -> value + operand(i);
            case '-' -> value - operand(i);
            default -> value * operand(i);
        };
    }

    /** The line that rewrites the chain once operations before {@code from} gave {@code value}. */
    String remaining(int from, long value) {
        StringBuilder sb = new StringBuilder(Long.toString(value));
        for (int i = from; i < size(); i++) {
            sb.append(op(i)).append(operand(i));
        }
        return sb.toString();
    }

    /** True when evaluating from operation {@code from} on, starting at {@code value}, never goes below zero. */
    boolean staysNonNegative(int from, long value) {
        long v = value;
        for (int i = from; i < size(); i++) {
            v = apply(i, v);
            if (v < 0) {
                return false;
            }
        }
        return true;
    }
}
