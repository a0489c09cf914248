package org.rmel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.base.BadInputException;
import org.rmel.base.EnvironmentException;
import org.rmel.base.IoFaults;
import org.rmel.base.Messages;
import org.rmel.testsupport.RunScript;
import org.rmel.testsupport.Tmpfs;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The exit-code and error-line policy every command shares (see {@link CommandFailures}). */
class ExitCodePolicyTest {
    @TempDir
    Path tmp;

    record Outcome(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RmelCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    /** Every subcommand, including ones added later, reports a bad command line in one line, exit 2. */
    @Test
    void everySubcommandReportsAParseErrorInOneLineWithExitTwo() {
        List<List<String>> paths = new ArrayList<>();
        collect(new CommandLine(new RmelCommand()), new ArrayList<>(), paths);
        assertTrue(paths.size() >= 10, "subcommands found: " + paths);
        System.out.println("exit-code policy: " + paths.size() + " commands checked with a bad command line");
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--no-such-option-here");
            Outcome o = run(args.toArray(String[]::new));
            String name = String.join(" ", path);
            assertEquals(2, o.code(), name + ": " + o.err());
            assertEquals(1, o.errLines().size(), name + ": one line, no usage block:\n" + o.err());
            String line = o.errLines().get(0);
            assertTrue(line.startsWith("error: "), line);
            assertTrue(line.endsWith("see 'rmel" + (name.isEmpty() ? "" : " " + name) + " --help'"), line);
        }
    }

    private static void collect(CommandLine cl, List<String> prefix, List<List<String>> out) {
        out.add(List.copyOf(prefix));
        cl.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandName().equals(name) || sub.getCommandSpec().userObject() instanceof CommandLine.HelpCommand) {
                return; // an alias, or picocli's own help command (it takes any word as a command name)
            }
            List<String> p = new ArrayList<>(prefix);
            p.add(name);
            collect(sub, p, out);
        });
    }

    @Test
    void aMisspeltOptionSuggestsTheRightOne() {
        Outcome o = run("train", "--sed", "3");
        assertEquals(2, o.code());
        assertEquals(1, o.errLines().size(), o.err());
        assertTrue(o.err().contains("did you mean --seed"), o.err());
    }

    @Test
    void badInputIsOneErrorLineWithExitTwo() {
        Outcome o = run("analyze", tmp.resolve("nowhere").toString());
        assertEquals(2, o.code());
        assertEquals(List.of("error: " + tmp.resolve("nowhere") + ": no such run folder"), o.errLines());
    }

    @Test
    void jacksonLocationsNeverReachTheMessage() throws Exception {
        Path model = tmp.resolve("model");
        Files.createDirectories(model);
        Files.writeString(model.resolve("config.json"), "{\"hidden_size\": 64,\n  \"vocab_size\": }");
        Outcome o = run("generate", model.toString(), "--prompt-ids", "1");
        assertEquals(2, o.code(), o.err());
        String line = o.errLines().get(o.errLines().size() - 1);
        assertTrue(line.startsWith("error: " + model.resolve("config.json") + ": not valid JSON"), line);
        assertTrue(line.contains("(line 2, column"), line);
        assertFalse(o.err().contains("Source:") || o.err().contains("REDACTED"), o.err());
    }

    @Test
    void messagesDropJacksonSourceAndReferenceChains() {
        String jackson = "Unexpected character ('}' (code 125)): expected a value\n at [Source: REDACTED "
                + "(`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 3, column: 17] "
                + "(through reference chain: org.rmel.run.GroupEvent[\"trajectories\"])";
        assertEquals("Unexpected character ('}' (code 125)): expected a value (line 3, column 17)",
                Messages.clean(jackson));
    }

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        final Exception toThrow;

        Boom(Exception toThrow) {
            this.toThrow = toThrow;
        }

        @Override
        public Integer call() throws Exception {
            throw toThrow;
        }
    }

    private static Outcome boom(Exception e) {
        CommandLine cl = new CommandLine(new Boom(e));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        CommandFailures f = new CommandFailures();
        cl.setExecutionExceptionHandler(f);
        cl.setParameterExceptionHandler(f);
        return new Outcome(cl.execute(), "", err.toString());
    }

    @Test
    void faultsAreClassifiedByWhatHappenedNotByWhereItWasCaught() {
        Outcome bug = boom(new NullPointerException("x is null"));
        assertEquals(1, bug.code());
        assertEquals(1, bug.errLines().size(), bug.err());
        assertTrue(bug.err().startsWith("error: internal error: NullPointerException: x is null"), bug.err());

        Outcome full = boom(new java.io.UncheckedIOException("RUN/events.jsonl: write failed",
                new FileSystemException("RUN/events.jsonl", null, "No space left on device")));
        assertEquals(EnvironmentException.EXIT_CODE, full.code());
        assertEquals(List.of("error: RUN/events.jsonl: write failed: disk full: No space left on device"), full.errLines());

        Outcome denied = boom(new BadInputException("out: cannot create the run folder",
                new AccessDeniedException("/srv/runs/a")));
        assertEquals(EnvironmentException.EXIT_CODE, denied.code());
        assertEquals(List.of("error: out: cannot create the run folder: permission denied"), denied.errLines());

        Outcome bad = boom(new BadInputException("run.json: key 'k' must be at least 2, got -8"));
        assertEquals(2, bad.code());
    }

    @Test
    void ioFaultKinds() {
        assertEquals("disk full", IoFaults.kind(new FileSystemException("f", null, "No space left on device")).get());
        assertEquals("read-only file system", IoFaults.kind(new FileSystemException("f", null, "Read-only file system")).get());
        assertEquals("permission denied", IoFaults.kind(new AccessDeniedException("f")).get());
        assertEquals("disk quota exceeded", IoFaults.kind(new java.io.IOException("Disk quota exceeded")).get());
        assertTrue(IoFaults.kind(new java.nio.file.NoSuchFileException("f")).isEmpty());
        assertTrue(IoFaults.wrap("x", new java.nio.file.NoSuchFileException("f")) instanceof BadInputException);
        assertTrue(IoFaults.wrap("x", new FileSystemException("f", null, "No space left on device"))
                instanceof EnvironmentException);
    }

    /** A real read-only file system and a real full disk give exit 4 and one line naming the file. */
    @Test
    void realReadOnlyAndFullFileSystemsExitFour() throws Exception {
        Path run = tmp.resolve("run");
        try (RunScript s = RunScript.create(run, RunScript.spec("r-mel", 4, 4, 0.3, 2))) {
            s.simulate("r-mel", 2, 8, 4, 4, 1);
        }
        try (Tmpfs ro = Tmpfs.mount(tmp.resolve("ro"), "ro,size=1m")) {
            assumeTrue(ro != null, Tmpfs.whyNot());
            Path out = ro.dir().resolve("table.md");
            Outcome o = run("export", run.toString(), "--figure", "table1", "--format", "md", "--out", out.toString());
            assertEquals(EnvironmentException.EXIT_CODE, o.code(), o.err());
            assertEquals(1, o.errLines().size(), o.err());
            assertTrue(o.err().contains(out.toString()) && o.err().contains("read-only file system"), o.err());
        }
        try (Tmpfs full = Tmpfs.mount(tmp.resolve("full"), "size=256k")) {
            assumeTrue(full != null, Tmpfs.whyNot());
            full.fill("filler", 0);
            Path out = full.dir().resolve("curves.png");
            Outcome o = run("export", run.toString(), "--figure", "curves", "--out", out.toString());
            assertEquals(EnvironmentException.EXIT_CODE, o.code(), o.err());
            assertEquals(1, o.errLines().size(), o.err());
            assertTrue(o.err().contains(out.toString()) && o.err().contains("disk full"), o.err());
        }
    }
}
