package org.rmel.figures.data;

import java.util.Set;

/** A run of characters [start, end) carrying a set of roles (style classes), e.g. {@code kept, lcp}. */
public record TextSpan(int start, int end, Set<String> roles) {
    public TextSpan {
        roles = Set.copyOf(roles);
    }

    public int length() {
        return end - start;
    }
}
