package org.rmel.app.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {
    @Test
    void lastLinesOfALongLog(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("trainer.log");
        Files.writeString(log, IntStream.range(0, 100_000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n", "", "\n")));
        assertEquals(List.of("line 99997", "line 99998", "line 99999"), LogTail.lastLines(log, 3));
    }

    @Test
    void shortAndMissingLogs(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("trainer.log");
        assertEquals(List.of(), LogTail.lastLines(log, 5));
        Files.writeString(log, "only\nno newline at end");
        assertEquals(List.of("only", "no newline at end"), LogTail.lastLines(log, 5));
    }
}
