package org.rmel.chat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.de.odysseus.el.tree.impl.ast.AstRightValue;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELException;

/** {@code base[start:stop:step]} with Python's rules, for lists and strings. */
final class AstSlice extends AstRightValue {
    private final AstNode base;
    private final AstNode start;
    private final AstNode stop;
    private final AstNode step;

    AstSlice(AstNode base, AstNode start, AstNode stop, AstNode step) {
        this.base = base;
        this.start = start;
        this.stop = stop;
        this.step = step;
    }

    @Override
    public Object eval(Bindings bindings, ELContext context) {
        Object value = base.eval(bindings, context);
        if (value == null) {
            return null;
        }
        long by = number(step, 1, bindings, context);
        if (by == 0) {
            throw new ELException("slice step cannot be zero");
        }
        if (value instanceof CharSequence text) {
            StringBuilder out = new StringBuilder();
            for (int i : indexes(text.length(), by, bindings, context)) {
                out.append(text.charAt(i));
            }
            return out.toString();
        }
        if (value instanceof Collection<?> c) {
            List<?> items = new ArrayList<>(c);
            List<Object> out = new ArrayList<>();
            for (int i : indexes(items.size(), by, bindings, context)) {
                out.add(items.get(i));
            }
            return out;
        }
        throw new ELException("cannot slice a " + PythonMethods.typeName(value));
    }

    /** The positions {@code [start:stop:step]} selects in a sequence of {@code n}. */
    private List<Integer> indexes(int n, long by, Bindings bindings, ELContext context) {
        long from;
        long to;
        if (by > 0) {
            from = clamp(start, 0, n, 0, n, bindings, context);
            to = clamp(stop, n, n, 0, n, bindings, context);
        } else {
            from = clamp(start, n - 1L, n, -1, n - 1L, bindings, context);
            to = clamp(stop, -1, n, -1, n - 1L, bindings, context);
        }
        List<Integer> out = new ArrayList<>();
        for (long i = from; by > 0 ? i < to : i > to; i += by) {
            out.add((int) i);
        }
        return out;
    }

    /** A bound: absent gives {@code absent}; negative counts from the end; then kept in [lo, hi]. */
    private static long clamp(AstNode node, long absent, int n, long lo, long hi, Bindings bindings, ELContext context) {
        if (node == null) {
            return absent;
        }
        long v = number(node, 0, bindings, context);
        if (v < 0) {
            v += n;
        }
        return Math.max(lo, Math.min(hi, v));
    }

    private static long number(AstNode node, long absent, Bindings bindings, ELContext context) {
        if (node == null) {
            return absent;
        }
        Object v = node.eval(bindings, context);
        if (v == null) {
            return absent;
        }
        if (v instanceof Number num) {
            return num.longValue();
        }
        throw new ELException("slice indices must be integers, got " + PythonMethods.typeName(v));
    }

    @Override
    public void appendStructure(StringBuilder b, Bindings bindings) {
        base.appendStructure(b, bindings);
        b.append('[');
        if (start != null) {
            start.appendStructure(b, bindings);
        }
        b.append(':');
        if (stop != null) {
            stop.appendStructure(b, bindings);
        }
        b.append(':');
        if (step != null) {
            step.appendStructure(b, bindings);
        }
        b.append(']');
    }

    @Override
    public String toString() {
        return "[::]";
    }

    @Override
    public int getCardinality() {
        return 4;
    }

    @Override
    public AstNode getChild(int i) {
        return switch (i) {
            case 0 -> base;
            case 1 -> start;
            case 2 -> stop;
            case 3 -> step;
            default -> null;
        };
    }
}
