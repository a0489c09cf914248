package org.rmel.app.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.app.launch.Launches;
import org.rmel.launch.TrainerCommand;
import org.rmel.app.testing.TestRuns;
import org.rmel.run.RunWriter;

class RunLibraryTest {
    @TempDir
    Path tmp;

    @Test
    void listsWorkspaceSampleAndOpenedRunsAndFollowsTheirStatus() throws Exception {
        Path workspace = Files.createDirectories(tmp.resolve("ws"));
        Path samples = Files.createDirectories(tmp.resolve("samples"));
        TestRuns.finished(workspace.resolve("a"), "mel", 3);
        TestRuns.finished(samples.resolve("s"), "mel-extra", 2);
        Files.createDirectories(workspace.resolve("not-a-run"));
        Files.createDirectories(workspace.resolve(".workbench"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        try (RunLibrary library = new RunLibrary();
             RunWriter live = RunWriter.create(tmp.resolve("live"), TestRuns.spec("r-mel", 10))) {
            List<RunSummary> found = library.refresh(workspace, List.of(samples), List.of(tmp.resolve("live"), elsewhere));
            assertEquals(List.of("a", "s", "live", "elsewhere"), found.stream().map(RunSummary::name).toList());
            assertEquals(RunSummary.Source.SAMPLE, found.get(1).source());
            assertEquals("running", found.get(2).status().orElseThrow().state().name().toLowerCase());
            assertTrue(found.get(3).problem().orElseThrow().contains("not a run folder"));

            TestRuns.steps(live, 1, 4);
            RunSummary grown = library.refresh(workspace, List.of(samples), List.of(tmp.resolve("live"))).get(2);
            assertEquals(4, grown.status().orElseThrow().stepsDone());
            live.finish("stopped");
            RunSummary stopped = library.refresh(workspace, List.of(samples), List.of(tmp.resolve("live"))).get(2);
            assertEquals("STOPPED", stopped.status().orElseThrow().state().name());
        }
    }

    @Test
    void rowsShowConditionStatusStepsAndStartTime() throws Exception {
        Path run = TestRuns.finished(tmp.resolve("r"), "r-mel", 7);
        try (RunLibrary library = new RunLibrary()) {
            RunSummary summary = library.refresh(tmp, List.of(), List.of()).get(0);
            LibraryRow row = LibraryRow.of(summary, new Launches(tmp.resolve("launches"), TrainerCommand.ofCurrentJvm()),
                    ZoneOffset.UTC);
            assertEquals(new LibraryRow(run.toAbsolutePath().normalize(), "r", "r-mel", "finished", "7/7",
                    "2023-11-14 22:13", "completed", false, 7, row.startedAtMs()), row);
            assertEquals("2023-11-14 22:13", java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                    .format(java.time.Instant.ofEpochMilli(row.startedAtMs()).atZone(ZoneOffset.UTC)), "sorts by what it shows");
            assertFalse(row.resumable(), "a finished run has nothing to resume");
        }
    }

    @Test
    void aTrainerThatExitedWithAnErrorBeforeWritingTheRunShowsFailedWithItsOutput() {
        Launches.Ended ended = new Launches.Ended(OptionalInt.of(2), List.of("error: model: no config.json"));
        assertEquals("exit code 2: error: model: no config.json", LibraryRow.failure(ended));
    }
}
