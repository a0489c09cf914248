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
                case DOUBLE -> Double.parseDouble(s);
                case STRING -> s;
                case BOOLEAN -> switch (s.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "1" -> Boolean.TRUE;
                    case "false", "no", "0" -> Boolean.FALSE;
                    default -> throw new NumberFormatException();
                };
                case DOUBLE_LIST -> parseList(s);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + text + "' is not " + expected());
        }
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

    private static List<Double> parseList(String s) {
        String body = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        List<Double> out = new ArrayList<>();
        for (String part : body.split(",")) {
            if (!part.isBlank()) {
                out.add(Double.parseDouble(part.trim()));
            }
        }
        if (out.isEmpty()) {
            throw new NumberFormatException();
        }
        return List.copyOf(out);
    }

    private String expected() {
        return switch (kind) {
            case INT -> "an integer";
            case DOUBLE -> "a number";
            case STRING -> "text";
            case BOOLEAN -> "true or false";
            case DOUBLE_LIST -> "a comma-separated list of numbers (e.g. 0.7,0.5,0.3)";
        };
    }
}
