package org.rmel.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Reading squeue's and sacct's answers. The squeue lines are what {@code squeue -O} printed on the
 * test cluster; the sacct lines follow {@code sacct -n -P -X -o JobID,State,ExitCode,NodeList,Reason}
 * (the test cluster has no accounting database, so those are written out here).
 */
class SlurmParsingTest {
    @Test
    void squeueLinesGiveTaskStateReasonExitCodeAndNode() {
        String text = "1_2                 |COMPLETED   |None                |0       |rmelnode1           \n"
                + "4_0                 |FAILED      |NonZeroExitCode     |768     |rmelnode1           \n"
                + "7_3                 |PENDING     |Resources           |0       |                    \n";
        List<SlurmClient.Task> tasks = SlurmClient.parseSqueue(text);
        assertEquals(3, tasks.size());
        assertEquals("4_0", tasks.get(1).name());
        assertEquals("FAILED", tasks.get(1).state());
        assertEquals(Optional.of(3), tasks.get(1).exitCode(), "768 is a wait status: exit code 3");
        assertEquals("rmelnode1", tasks.get(1).node());
        assertEquals("", tasks.get(2).node());
        assertEquals("Resources", tasks.get(2).reason());
    }

    @Test
    void sacctLinesGiveHowTasksEndedAndSkipPendingRanges() {
        String text = "123_4|TIMEOUT|0:15|node7|None\n123_5|CANCELLED by 0|0:15|node8|None\n"
                + "123_[6-9]|PENDING|0:0|None assigned|Priority\n123_1|OUT_OF_MEMORY|0:125|node2|None\n";
        List<SlurmClient.Task> tasks = SlurmClient.parseSacct(text);
        assertEquals(List.of("123_4", "123_5", "123_1"), tasks.stream().map(SlurmClient.Task::name).toList());
        assertEquals("CANCELLED", tasks.get(1).state());
        assertEquals("OUT_OF_MEMORY", tasks.get(2).state());
        assertEquals(Optional.of(0), tasks.get(0).exitCode());
    }

    @Test
    void arrayListsAreCompressedToRanges() {
        assertEquals("0-2,5,7-8", SlurmExecutor.arrayList(List.of(8, 0, 1, 2, 5, 7)));
        assertEquals("3", SlurmExecutor.arrayList(List.of(3)));
    }
}
