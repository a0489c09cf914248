package org.rmel.gpu;

import java.util.Arrays;

/** An NVIDIA driver version such as {@code 570.124.06}, compared part by part as numbers. */
public record DriverVersion(String text, int[] parts) implements Comparable<DriverVersion> {

    /** Parses "570.124.06"; a part that is not a number counts as 0. */
    public static DriverVersion parse(String text) {
        String[] cells = text.trim().split("\\.");
        int[] parts = new int[cells.length];
        for (int i = 0; i < cells.length; i++) {
            try {
                parts[i] = Integer.parseInt(cells[i].replaceAll("[^0-9]", ""));
            } catch (NumberFormatException e) {
                parts[i] = 0;
            }
        }
        return new DriverVersion(text.trim(), parts);
    }

    @Override
    public int compareTo(DriverVersion o) {
        for (int i = 0; i < Math.max(parts.length, o.parts.length); i++) {
            int a = i < parts.length ? parts[i] : 0;
            int b = i < o.parts.length ? o.parts[i] : 0;
            if (a != b) {
                return Integer.compare(a, b);
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DriverVersion d && compareTo(d) == 0;
    }

    @Override
    public int hashCode() {
        int n = parts.length;
        while (n > 0 && parts[n - 1] == 0) {
            n--; // 570.26 and 570.26.0 are equal, so they hash alike
        }
        return Arrays.hashCode(Arrays.copyOf(parts, n));
    }

    @Override
    public String toString() {
        return text;
    }
}
