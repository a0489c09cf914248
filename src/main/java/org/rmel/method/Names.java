package org.rmel.method;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Parses a setting's wire name into its enum constant; the error lists the valid names. */
final class Names {
    private Names() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String name, Function<E, String> wire, String setting) {
        for (E e : type.getEnumConstants()) {
            if (wire.apply(e).equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException(setting + ": unknown value '" + name + "'; valid: "
                + Arrays.stream(type.getEnumConstants()).map(wire).collect(Collectors.joining(", ")));
    }

    /** The valid names of an enum setting, in declaration order. */
    static <E extends Enum<E>> java.util.List<String> all(Class<E> type, Function<E, String> wire) {
        return Arrays.stream(type.getEnumConstants()).map(wire).toList();
    }
}
