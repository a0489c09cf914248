package org.rmel.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One named training setting: its value type, a range or choice check, and a one-line
 * description. The names are the keys of {@code run.json} and of {@code --set key=value}.
 *
 * @param name the key
 * @param kind the value type
 * @param check returns an error message for an out-of-range value, or null
 * @param description what the setting does, shown in help and in the New Run dialog
 */
public record Setting(String name, Kind kind, Function<Object, String> check, String description) {

    /** The value types a setting can have. */
    public enum Kind { INT, DOUBLE, STRING, BOOLEAN, DOUBLE_LIST }

    /**
     * Parses a textual value ({@code --set} or a dialog field) into this setting's type.
     *
     * @throws IllegalArgumentException with a message naming the setting when it does not parse
     */
    public Object parse(String text) {
        String s = text.trim();
        try {
            return switch (kind) {
                case INT -> Integer.parseInt(s);
                case DOUBLE -> parseNumber(s);
                case STRING -> s;
                case BOOLEAN -> switch (s.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "1" -> Boolean.TRUE;
                    case "false", "no", "0" -> Boolean.FALSE;
                    default -> throw new NumberFormatException();
                };
                case DOUBLE_LIST -> parseList(s);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not " + expected());
        }
    }

    /**
     * Checks a value read from JSON (run.json): its JSON type must be this setting's (an integer
     * for INT, a number for DOUBLE, text for STRING, true/false for BOOLEAN, a list of numbers for
     * DOUBLE_LIST — text is not converted) and it must pass the range check.
     *
     * @return what is wrong ("must be an integer, got \"x\"", "must be at least 2, got -8"), or null
     */
    public String checkJson(Object value) {
        if (value == null) {
            return "must be " + expected() + ", got null";
        }
        boolean typed = switch (kind) {
            case INT -> value instanceof Number n && !(n instanceof Double d && (d != Math.rint(d) || Double.isInfinite(d)))
                    && n.doubleValue() >= Integer.MIN_VALUE && n.doubleValue() <= Integer.MAX_VALUE;
            case DOUBLE -> value instanceof Number;
            case STRING -> value instanceof String;
            case BOOLEAN -> value instanceof Boolean;
            case DOUBLE_LIST -> value instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(x -> x instanceof Number);
        };
        if (!typed) {
            return "must be " + expected() + ", got " + shown(value);
        }
        return check.apply(coerce(value));
    }

    private static String shown(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : value instanceof List<?> l && l.isEmpty() ? "[]"
                : String.valueOf(value);
    }

    /** Converts a JSON-read value (Integer, Double, List...) into this setting's type. */
    public Object coerce(Object value) {
        if (value == null) {
            throw new IllegalArgumentException(name + ": missing value");
        }
        if (kind == Kind.DOUBLE_LIST && value instanceof List<?> list) {
            List<Double> out = new ArrayList<>();
            for (Object o : list) {
                if (!(o instanceof Number n)) {
                    throw new IllegalArgumentException(name + ": '" + value + "' is not " + expected());
                }
                out.add(n.doubleValue());
            }
            return List.copyOf(out);
        }
        if (kind == Kind.DOUBLE && value instanceof Number n) {
            return n.doubleValue();
        }
        if (kind == Kind.INT && value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        if (kind == Kind.BOOLEAN && value instanceof Boolean) {
            return value;
        }
        return parse(String.valueOf(value));
    }

    /** A decimal number as a person writes it (no hex, no type suffix, no NaN or Infinity). */
    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private static double parseNumber(String s) {
        if (!NUMBER.matcher(s).matches()) {
            throw new NumberFormatException(s);
        }
        return Double.parseDouble(s);
    }

    /** Comma-separated numbers, e.g. {@code 0.7,0.5,0.3}; an empty entry or brackets are refused, naming the entry. */
    private List<Double> parseList(String s) {
        if (s.startsWith("[") || s.endsWith("]")) {
            throw new IllegalArgumentException("write the list without brackets, e.g. 0.7,0.5,0.3");
        }
        String[] parts = s.split(",", -1);
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].trim();
            if (part.isEmpty()) {
                throw new IllegalArgumentException("entry " + (i + 1) + " of " + parts.length + " is empty");
            }
            try {
                out.add(parseNumber(part));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("entry " + (i + 1) + " ('" + part + "') is not a number");
            }
        }
        return List.copyOf(out);
    }

    private String expected() {
        return switch (kind) {
            case INT -> "an integer";
            case DOUBLE -> "a number";
            case STRING -> "text";
            case BOOLEAN -> "true or false";
            case DOUBLE_LIST -> "a comma-separated list of numbers (e.g. 0.7,0.5,0.3; in run.json [0.7, 0.5, 0.3])";
        };
    }
}
