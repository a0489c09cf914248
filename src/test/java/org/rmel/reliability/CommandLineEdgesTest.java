package org.rmel.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rmel.cli.RmelCommand;
import org.rmel.testsupport.RunScript;
import org.rmel.testsupport.TrainerRuns;
import org.rmel.train.TrainSettings;

/** The command-line edges of issue 16: refused folders, malformed lists, finished runs, figure sizes. */
class CommandLineEdgesTest {
    @TempDir
    Path tmp;

    @Test
    void trainRefusesANonEmptyFolderThatHoldsNoRun() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("thesis"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        TrainerRuns.Outcome o = TrainerRuns.inProcess("train", "--preset", "smoke", "--out", out.toString());
        assertEquals(2, o.code(), o.err());
        assertEquals(List.of("error: " + out + ": is not empty and holds no run (notes.txt); choose a new or empty "
                + "folder for the run"), o.errorLines());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(out.resolve("notes.txt")), files.toList(), "nothing written beside the user's files");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0.7,,0.5|entry 2 of 3 is empty",
            "0.7,0.5,|entry 3 of 3 is empty",
            "[0.7,0.5]|write the list without brackets, e.g. 0.7,0.5,0.3",
            "0.7;0.5|entry 1 ('0.7;0.5') is not a number",
            "0.7,0x1p-1|entry 2 ('0x1p-1') is not a number",
            "0.7,NaN|entry 2 ('NaN') is not a number",
            "0.7,1|every ratio must be in [0, 1) (0 revises from scratch; 1 would keep the whole failed response), got 1.0",
    })
    void malformedTauListsAreRefusedNamingTheEntry(String list, String message) {
        assertEquals(message, TrainSettings.validate("tau_schedule", list));
        TrainerRuns.Outcome o = TrainerRuns.inProcess("train", "--preset", "smoke", "--set", "tau_schedule=" + list,
                "--out", tmp.resolve("run").toString());
        assertEquals(2, o.code());
        assertEquals(List.of("error: --set tau_schedule=" + list + ": " + message), o.errorLines());
        assertFalse(Files.exists(tmp.resolve("run")));
    }

    @Test
    void tauZeroIsAllowedAndMeansNoPrefix() {
        assertNull(TrainSettings.validate("tau_schedule", "0"));
        assertNull(TrainSettings.validate("tau_schedule", "0.7, 0.5, 0"));
        assertTrue(TrainSettings.catalogue().get("tau_schedule").description().contains("[0, 1)"));
    }

    @Test
    void resumingAFinishedRunSaysSoAndWritesNothing() throws Exception {
        Path run = tmp.resolve("done");
        try (RunScript s = RunScript.create(run, RunScript.spec("mel", 2, 4, 0.3, 2))) {
            s.simulate("mel", 2, 4, 2, 2, 1);
            s.finish();
        }
        byte[] before = Files.readAllBytes(run.resolve("events.jsonl"));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int code;
        try {
            System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
            code = RmelCommand.execute("train", "--resume", run.toString());
        } finally {
            System.setOut(old);
        }
        assertEquals(0, code);
        assertEquals(run + ": the run is finished (completed, 2/2 steps); nothing to resume",
                console.toString(StandardCharsets.UTF_8).strip());
        assertArrayEquals(before, Files.readAllBytes(run.resolve("events.jsonl")), "not a byte written");
    }

    @Test
    void trainHelpStatesTheDefaultCondition() {
        StringWriter out = new StringWriter();
        RmelCommand.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "train", "--help");
        assertTrue(out.toString().replaceAll("\\s+", " ").contains("(default: r-mel, the full method;"), out.toString());
    }

    @Test
    void figureSizesAndFormatsSayWhatIsAccepted() throws Exception {
        Path run = tmp.resolve("r");
        try (RunScript s = RunScript.create(run, RunScript.spec("r-mel", 4, 4, 0.3, 2))) {
            s.simulate("r-mel", 2, 4, 2, 4, 1);
        }
        TrainerRuns.Outcome h = TrainerRuns.inProcess("export", run.toString(), "--figure", "lcp", "--height-in", "0",
                "--out", tmp.resolve("f.pdf").toString());
        assertEquals(2, h.code());
        assertEquals(List.of("error: --height-in '0': expected a number from 0.5 to 40"), h.errorLines());
        TrainerRuns.Outcome f = TrainerRuns.inProcess("export", run.toString(), "--figure", "lcp", "--format", "gif",
                "--out", tmp.resolve("f.gif").toString());
        assertEquals(List.of("error: unknown figure format 'gif' (use pdf, svg, png, or csv for the figure's data)"),
                f.errorLines());
    }
}
