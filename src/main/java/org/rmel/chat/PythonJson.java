package org.rmel.chat;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.objects.SafeString;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import jinjava.javax.el.ELException;

/**
 * The {@code tojson} filter as Hugging Face defines it for chat templates: Python's
 * {@code json.dumps(x, ensure_ascii=False, indent=indent, separators=separators, sort_keys=sort_keys)}
 * — keys in insertion order, {@code ", "} and {@code ": "} between items, no HTML escaping (Jinja's
 * own filter and Jinjava's escape and sort). Output is bounded by {@code maxChars}.
 */
final class PythonJson implements Filter {
    private final int maxChars;

    PythonJson(int maxChars) {
        this.maxChars = maxChars;
    }

    @Override
    public String getName() {
        return "tojson";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        return dumps(var, null, false);
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        Object indent = args.length > 0 ? args[0] : kwargs.get("indent");
        Object sort = kwargs.getOrDefault("sort_keys", Boolean.FALSE);
        return dumps(var, indent instanceof Number n ? n.intValue() : null, Boolean.TRUE.equals(sort));
    }

    String dumps(Object value, Integer indent, boolean sortKeys) {
        StringBuilder out = new StringBuilder();
        write(out, value, indent, sortKeys, 0);
        return out.toString();
    }

    private void write(StringBuilder out, Object v, Integer indent, boolean sortKeys, int depth) {
        if (out.length() > maxChars) {
            throw new ELException("tojson output longer than " + maxChars + " characters");
        }
        if (depth > 100) {
            throw new ELException("tojson: value nested more than 100 levels deep");
        }
        if (v == null) {
            out.append("null");
        } else if (v instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            out.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity")
                    : d == Math.rint(d) && Math.abs(d) < 1e16 ? String.format(java.util.Locale.ROOT, "%.1f", d) : Double.toString(d));
        } else if (v instanceof Number) {
            out.append(v);
        } else if (v instanceof CharSequence || v instanceof SafeString) {
            quote(out, v.toString());
        } else if (v instanceof Map<?, ?> map) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            if (sortKeys) {
                entries.sort((a, b) -> String.valueOf(a.getKey()).compareTo(String.valueOf(b.getKey())));
            }
            out.append('{');
            for (int i = 0; i < entries.size(); i++) {
                separator(out, i, indent, depth + 1);
                quote(out, String.valueOf(entries.get(i).getKey()));
                out.append(": ");
                write(out, entries.get(i).getValue(), indent, sortKeys, depth + 1);
            }
            close(out, entries.isEmpty(), indent, depth);
            out.append('}');
        } else if (v instanceof Collection<?> items) {
            out.append('[');
            int i = 0;
            for (Object item : items) {
                separator(out, i++, indent, depth + 1);
                write(out, item, indent, sortKeys, depth + 1);
            }
            close(out, items.isEmpty(), indent, depth);
            out.append(']');
        } else {
            throw new ELException("tojson: a " + PythonMethods.typeName(v) + " is not JSON serializable");
        }
    }

    private static void separator(StringBuilder out, int i, Integer indent, int depth) {
        if (i > 0) {
            out.append(indent == null ? ", " : ",");
        }
        if (indent != null) {
            out.append('\n').append(" ".repeat(indent * depth));
        }
    }

    private static void close(StringBuilder out, boolean empty, Integer indent, int depth) {
        if (indent != null && !empty) {
            out.append('\n').append(" ".repeat(indent * depth));
        }
    }

    /** A JSON string as Python writes it with ensure_ascii=False. */
    static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
