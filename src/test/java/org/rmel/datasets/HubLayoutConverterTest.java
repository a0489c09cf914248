package org.rmel.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HubLayoutConverterTest {
    @Test
    void lastBoxedKeepsNestedBracesAndTakesTheLastBox() {
        assertEquals(Optional.of("\\frac{1}{2}"), HubLayoutConverter.lastBoxed("so $\\boxed{3}$ or \\boxed{\\frac{1}{2}}."));
        assertEquals(Optional.empty(), HubLayoutConverter.lastBoxed("no box"));
        assertEquals(Optional.empty(), HubLayoutConverter.lastBoxed("\\boxed{unclosed {"));
    }
}
