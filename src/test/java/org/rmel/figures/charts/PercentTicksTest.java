package org.rmel.figures.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnitSource;
import org.junit.jupiter.api.Test;

/** Percent axes never print one label twice, whatever tick size a tall plot picks. */
class PercentTicksTest {
    @Test
    void everyTickUnitPrintsDistinctLabelsFromZeroToOne() {
        TickUnitSource units = RateCharts.percentTickUnits();
        for (double size : List.of(0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5)) {
            NumberTickUnit u = (NumberTickUnit) units.getCeilingTickUnit(size);
            assertEquals(size, u.getSize(), 1e-12);
            Set<String> labels = new HashSet<>();
            int n = 0;
            for (int i = 0; i * size <= Math.min(1, 40 * size) + 1e-12; i++) {
                labels.add(u.valueToString(i * size));
                n++;
            }
            assertEquals(n, labels.size(), "tick size " + size + ": " + labels);
        }
        assertEquals("", ((NumberTickUnit) units.getCeilingTickUnit(0.5)).valueToString(1.5), "nothing above 100 %");
        assertEquals("7.5%", ((NumberTickUnit) units.getCeilingTickUnit(0.005)).valueToString(0.075));
    }
}
