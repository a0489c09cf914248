package org.rmel.chat;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The global functions Hugging Face gives chat templates. Public only because the template engine
 * calls them by reflection.
 */
public final class TemplateFunctions {

    private TemplateFunctions() {}

    /** What a template raises on purpose (e.g. "Conversation roles must alternate"). */
    static final class Raised extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Raised(String message) {
            super(message);
        }
    }

    /** {@code raise_exception(message)}: stops rendering with the template's own message. */
    public static Object raiseException(Object message) {
        throw new Raised(String.valueOf(message));
    }

    /**
     * Python's {@code range(stop)}, {@code range(start, stop[, step])}; more items than the
     * rendering's range limit is an error (Jinjava's own range silently stopped at the limit).
     */
    public static List<Long> range(Object first, Object... rest) {
        long start = 0;
        long stop;
        long step = 1;
        if (rest.length == 0) {
            stop = integer(first);
        } else {
            start = integer(first);
            stop = integer(rest[0]);
            if (rest.length > 1) {
                step = integer(rest[1]);
            }
        }
        if (step == 0) {
            throw new IllegalArgumentException("range() arg 3 must not be zero");
        }
        long count = step > 0 ? (stop - start + step - 1) / step : (start - stop - step - 1) / -step;
        JinjavaInterpreter in = JinjavaInterpreter.getCurrent();
        long limit = in == null ? Long.MAX_VALUE : in.getConfig().getRangeLimit();
        if (count > limit) {
            throw new IllegalArgumentException("range() of " + count + " items is over the limit of " + limit);
        }
        List<Long> out = new ArrayList<>();
        for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
            out.add(i);
        }
        return out;
    }

    private static long integer(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalArgumentException("range() needs integers, got " + PythonMethods.typeName(v));
    }

    /** {@code strftime_now(format)}: the current local time in a Python strftime format. */
    public static String strftimeNow(String format) {
        return strftime(ZonedDateTime.now(), format);
    }

    static String strftime(ZonedDateTime t, String format) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                out.append(c);
                continue;
            }
            char f = format.charAt(++i);
            String pattern = switch (f) {
                case 'd' -> "dd";
                case 'm' -> "MM";
                case 'Y' -> "yyyy";
                case 'y' -> "yy";
                case 'b' -> "MMM";
                case 'B' -> "MMMM";
                case 'a' -> "EEE";
                case 'A' -> "EEEE";
                case 'H' -> "HH";
                case 'I' -> "hh";
                case 'M' -> "mm";
                case 'S' -> "ss";
                case 'p' -> "a";
                case 'j' -> "DDD";
                default -> null;
            };
            if (pattern != null) {
                out.append(DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH).format(t));
            } else if (f == '%') {
                out.append('%');
            } else {
                out.append('%').append(f);
            }
        }
        return out.toString();
    }
}
