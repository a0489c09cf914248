package org.rmel.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptScheduleTest {

    @Test
    void everyEpochVisitsEachPromptOnceAndVisitsCountUp() {
        PromptSchedule s = new PromptSchedule(10, 4, 3);
        Map<Integer, Integer> seen = new HashMap<>();
        List<PromptSchedule.Draw> all = new ArrayList<>();
        for (int step = 1; step <= 10; step++) {
            all.addAll(s.draws(step));
        }
        for (PromptSchedule.Draw d : all) {
            int visit = seen.merge(d.poolIndex(), 1, Integer::sum);
            assertEquals(visit, d.visit(), "visit numbers count the prompt's appearances");
        }
        seen.values().forEach(v -> assertEquals(4, v));
    }

    @Test
    void aStepsDrawsArePureFunctionsOfSeedAndStep() {
        assertEquals(new PromptSchedule(96, 16, 1).draws(17), new PromptSchedule(96, 16, 1).draws(17));
    }
}
