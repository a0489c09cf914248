package org.rmel.chat;

import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.objects.SafeString;
import com.hubspot.jinjava.util.ForLoop;
import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;
import jinjava.javax.el.MethodNotFoundException;

/**
 * The only route from a template to Java objects, placed before Jinjava's bean resolver. It
 * answers the Python methods chat templates call on strings, dicts and lists (as Hugging Face's
 * immutable sandbox allows them: nothing that mutates) with Python's semantics, lets through what
 * Jinjava itself needs (filters, tests, {@code loop.*}), and refuses everything else — no getter,
 * no {@code getClass()}, no method of any other object is reachable.
 */
final class PythonMethods extends ELResolver {

    private static final Set<String> LOOP_FIELDS = Set.of("index", "index0", "revindex", "revindex0", "first",
            "last", "length", "depth", "depth0");
    private static final Set<String> STRING_METHODS = Set.of("strip", "lstrip", "rstrip", "split", "rsplit",
            "splitlines", "startswith", "endswith", "upper", "lower", "title", "capitalize", "replace", "join",
            "count", "find", "rfind", "isdigit", "isspace", "isalpha", "isalnum", "islower", "isupper");

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (base == null || base instanceof Map || base instanceof List || base.getClass().isArray()) {
            return null; // variables, dict keys and list items: Jinjava's own resolvers
        }
        if (base instanceof ForLoop) {
            if (LOOP_FIELDS.contains(String.valueOf(property))) {
                return null; // the bean resolver reads loop.index and friends
            }
            throw new jinjava.javax.el.ELException("loop." + property + " is not supported by this template engine"
                    + " (supported: loop." + String.join(", loop.", new java.util.TreeSet<>(LOOP_FIELDS)) + ", loop.cycle)");
        }
        context.setPropertyResolved(true);
        return null; // any other attribute of any other object is undefined
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] types, Object[] params) {
        String name = String.valueOf(method);
        Object[] args = params == null ? new Object[0] : params;
        if ((base instanceof Filter && name.equals("filter"))
                || (base instanceof ExpTest && (name.equals("evaluate") || name.equals("evaluateNegated")))
                || (base instanceof ForLoop && name.equals("cycle"))) {
            return null; // Jinjava's own dispatch of filters, tests and loop.cycle
        }
        Object result;
        if (base instanceof String || base instanceof SafeString) {
            result = string(base.toString(), name, args);
        } else if (base instanceof Map<?, ?> map) {
            result = dict(map, name, args);
        } else if (base instanceof List<?> list) {
            result = list(list, name, args);
        } else {
            throw refused(base, name);
        }
        context.setPropertyResolved(true);
        return result;
    }

    private static MethodNotFoundException refused(Object base, String name) {
        return new MethodNotFoundException("'" + name + "' cannot be called on a " + typeName(base)
                + " in a chat template (templates may call Python string, dict and list methods only)");
    }

    /** The Python type name of a template value, for messages. */
    static String typeName(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof CharSequence || v instanceof SafeString) {
            return "str";
        }
        if (v instanceof Map) {
            return "dict";
        }
        if (v instanceof Collection) {
            return "list";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Integer || v instanceof Long) {
            return "int";
        }
        if (v instanceof Number) {
            return "float";
        }
        return "object";
    }

    private static Object string(String s, String name, Object[] a) {
        if (!STRING_METHODS.contains(name)) {
            throw refused(s, name);
        }
        return switch (name) {
            case "strip" -> strip(s, chars(a, 0), true, true);
            case "lstrip" -> strip(s, chars(a, 0), true, false);
            case "rstrip" -> strip(s, chars(a, 0), false, true);
            case "split" -> split(s, text(a, 0, null), (int) integer(a, 1, -1), false);
            case "rsplit" -> split(s, text(a, 0, null), (int) integer(a, 1, -1), true);
            case "splitlines" -> List.of(s.split("\r\n|\r|\n", -1)).subList(0, lineCount(s));
            case "startswith" -> affix(s, arg(a, 0), true);
            case "endswith" -> affix(s, arg(a, 0), false);
            case "upper" -> s.toUpperCase(Locale.ROOT);
            case "lower" -> s.toLowerCase(Locale.ROOT);
            case "title" -> title(s);
            case "capitalize" -> s.isEmpty() ? s
                    : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
            case "replace" -> replace(s, text(a, 0, ""), text(a, 1, ""), (int) integer(a, 2, -1));
            case "join" -> join(s, arg(a, 0));
            case "count" -> count(s, text(a, 0, ""));
            case "find" -> (long) s.indexOf(text(a, 0, ""));
            case "rfind" -> (long) s.lastIndexOf(text(a, 0, ""));
            case "isdigit" -> !s.isEmpty() && s.chars().allMatch(Character::isDigit);
            case "isspace" -> !s.isEmpty() && s.chars().allMatch(Character::isWhitespace);
            case "isalpha" -> !s.isEmpty() && s.chars().allMatch(Character::isLetter);
            case "isalnum" -> !s.isEmpty() && s.chars().allMatch(Character::isLetterOrDigit);
            case "islower" -> s.chars().anyMatch(Character::isLetter) && s.equals(s.toLowerCase(Locale.ROOT));
            case "isupper" -> s.chars().anyMatch(Character::isLetter) && s.equals(s.toUpperCase(Locale.ROOT));
            default -> throw refused(s, name);
        };
    }

    private static Object dict(Map<?, ?> map, String name, Object[] a) {
        return switch (name) {
            case "items" -> new ArrayList<>(map.entrySet());
            case "keys" -> new ArrayList<>(map.keySet());
            case "values" -> new ArrayList<>(map.values());
            case "get" -> map.containsKey(arg(a, 0)) ? map.get(arg(a, 0)) : (a.length > 1 ? a[1] : null);
            default -> throw refused(map, name);
        };
    }

    private static Object list(List<?> list, String name, Object[] a) {
        return switch (name) {
            case "count" -> list.stream().filter(x -> java.util.Objects.equals(x, arg(a, 0))).count();
            case "index" -> {
                int i = list.indexOf(arg(a, 0));
                if (i < 0) {
                    throw new IllegalArgumentException(arg(a, 0) + " is not in list");
                }
                yield (long) i;
            }
            default -> throw refused(list, name);
        };
    }

    private static Object arg(Object[] a, int i) {
        return i < a.length ? a[i] : null;
    }

    private static String text(Object[] a, int i, String absent) {
        Object v = arg(a, i);
        return v == null ? absent : v.toString();
    }

    private static long integer(Object[] a, int i, long absent) {
        Object v = arg(a, i);
        return v instanceof Number n ? n.longValue() : absent;
    }

    private static String chars(Object[] a, int i) {
        return text(a, i, null);
    }

    /** Python's strip: without chars, whitespace; with chars, any of them. */
    static String strip(String s, String chars, boolean left, boolean right) {
        int from = 0;
        int to = s.length();
        while (left && from < to && strippable(s.charAt(from), chars)) {
            from++;
        }
        while (right && to > from && strippable(s.charAt(to - 1), chars)) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean strippable(char c, String chars) {
        return chars == null ? Character.isWhitespace(c) : chars.indexOf(c) >= 0;
    }

    /** Python's split and rsplit: a literal separator, or runs of whitespace when none is given. */
    static List<String> split(String s, String sep, int max, boolean fromRight) {
        List<String> parts = new ArrayList<>();
        if (sep == null) {
            String rest = fromRight ? strip(s, null, false, true) : strip(s, null, true, false);
            while (!rest.isEmpty()) {
                if (max >= 0 && parts.size() == max) {
                    if (fromRight) {
                        parts.add(0, rest);
                    } else {
                        parts.add(rest);
                    }
                    break;
                }
                if (fromRight) {
                    int at = rest.length();
                    while (at > 0 && !Character.isWhitespace(rest.charAt(at - 1))) {
                        at--;
                    }
                    parts.add(0, rest.substring(at));
                    rest = strip(rest.substring(0, at), null, false, true);
                } else {
                    int at = 0;
                    while (at < rest.length() && !Character.isWhitespace(rest.charAt(at))) {
                        at++;
                    }
                    parts.add(rest.substring(0, at));
                    rest = strip(rest.substring(at), null, true, false);
                }
            }
            return parts;
        }
        if (sep.isEmpty()) {
            throw new IllegalArgumentException("empty separator");
        }
        if (!fromRight) {
            int from = 0;
            while (max < 0 || parts.size() < max) {
                int at = s.indexOf(sep, from);
                if (at < 0) {
                    break;
                }
                parts.add(s.substring(from, at));
                from = at + sep.length();
            }
            parts.add(s.substring(from));
            return parts;
        }
        int to = s.length();
        int splits = 0;
        while (max < 0 || splits < max) {
            int at = to < sep.length() ? -1 : s.lastIndexOf(sep, to - sep.length());
            if (at < 0) {
                break;
            }
            parts.add(0, s.substring(at + sep.length(), to));
            to = at;
            splits++;
        }
        parts.add(0, s.substring(0, to));
        return parts;
    }

    private static int lineCount(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        int n = s.split("\r\n|\r|\n", -1).length;
        return s.endsWith("\n") || s.endsWith("\r") ? n - 1 : n;
    }

    private static boolean affix(String s, Object what, boolean start) {
        if (what instanceof Collection<?> options) {
            for (Object o : options) {
                if (affix(s, o, start)) {
                    return true;
                }
            }
            return false;
        }
        String a = String.valueOf(what);
        return start ? s.startsWith(a) : s.endsWith(a);
    }

    private static String title(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean previousLetter = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(previousLetter ? Character.toLowerCase(c) : Character.toUpperCase(c));
            previousLetter = Character.isLetter(c);
        }
        return out.toString();
    }

    private static String replace(String s, String old, String with, int max) {
        if (max < 0) {
            return s.replace(old, with);
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int n = 0; n < max; n++) {
            int at = s.indexOf(old, from);
            if (at < 0 || old.isEmpty()) {
                break;
            }
            out.append(s, from, at).append(with);
            from = at + old.length();
        }
        return out.append(s.substring(from)).toString();
    }

    private static String join(String sep, Object items) {
        List<String> parts = new ArrayList<>();
        if (items instanceof Iterable<?> it) {
            it.forEach(x -> parts.add(String.valueOf(x)));
        } else if (items != null) {
            String text = items.toString();
            text.codePoints().forEach(cp -> parts.add(new String(Character.toChars(cp))));
        }
        return String.join(sep, parts);
    }

    private static long count(String s, String sub) {
        if (sub.isEmpty()) {
            return s.length() + 1L;
        }
        long n = 0;
        for (int at = s.indexOf(sub); at >= 0; at = s.indexOf(sub, at + sub.length())) {
            n++;
        }
        return n;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        // the resolver chain is read-only; Jinjava's namespace assignment does not come here
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }
}
