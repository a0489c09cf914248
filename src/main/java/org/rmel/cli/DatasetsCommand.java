package org.rmel.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rmel.base.BadInputException;
import org.rmel.datasets.DataFolder;
import org.rmel.datasets.DatasetException;
import org.rmel.datasets.DatasetRegistry;
import org.rmel.datasets.DatasetSource;
import org.rmel.datasets.DatasetStore;
import org.rmel.datasets.FileState;
import org.rmel.datasets.HubDownloader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code datasets list | fetch | verify}: the evaluation benchmarks in the user's data folder.
 * Exit codes: 0 done; 1 a download failed (offline, HTTP error, broken transfer, unexpected
 * layout); 2 bad command line (unknown benchmark, bad URL); 3 a file does not match its recorded
 * or advertised SHA-256; 4 the data folder cannot be written (disk full, permission denied).
 */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "List, fetch and verify the evaluation benchmarks (MATH-500, AIME24, AIME25, AMC23, "
                + "OlympiadBench, Minerva) in your data folder.",
        subcommands = {DatasetsCommand.ListCommand.class, DatasetsCommand.FetchCommand.class,
                DatasetsCommand.VerifyCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:download failed (offline, HTTP error, broken transfer, unexpected layout)",
                "2:bad command line", "3:checksum mismatch", "4:data folder not writable (disk full, permission denied)"})
public final class DatasetsCommand implements Callable<Integer> {
    static final int EXIT_DOWNLOAD_FAILED = 1;
    static final int EXIT_CHECKSUM_MISMATCH = 3;
    static final String DEFAULT_HUB = "https://huggingface.co";
    static final String HUB_ENV = "RMEL_HUB_URL";

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** The options every subcommand shares. */
    static final class Folder {
        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "Data folder (default: $RMEL_DATA_DIR, else ~/.rmel/data).")
        Path dataDir;

        @Option(names = "--hub-url", paramLabel = "URL",
                description = "Base URL of the Hugging Face Hub or a mirror (default: $RMEL_HUB_URL, else "
                        + DEFAULT_HUB + ").")
        String hubUrl;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
                description = "Limit for one file's whole download (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        DatasetStore store() {
            Map<String, String> env = System.getenv();
            DataFolder folder = dataDir != null
                    ? new DataFolder(dataDir.toAbsolutePath().normalize(), "--data-dir") : DataFolder.ofUser();
            String hub = hubUrl != null ? hubUrl : env.getOrDefault(HUB_ENV, DEFAULT_HUB);
            if (timeoutSeconds <= 0) {
                throw new BadInputException("--timeout must be a positive number of seconds, got " + timeoutSeconds);
            }
            HubDownloader downloader = new HubDownloader(Duration.ofSeconds(Math.min(15, timeoutSeconds)),
                    Duration.ofSeconds(timeoutSeconds));
            return new DatasetStore(folder, hubUri(hub, hubUrl != null ? "--hub-url" : HUB_ENV), downloader,
                    "rmel-workbench/" + VersionProvider.version());
        }

        private static URI hubUri(String text, String setting) {
            try {
                URI uri = new URI(text.strip());
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new BadInputException(setting + ": expected an http(s) URL such as " + DEFAULT_HUB
                            + ", got \"" + text + "\"");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw new BadInputException(setting + ": not a URL: \"" + text + "\"");
            }
        }
    }

    static List<DatasetSource> select(List<String> names, boolean all) {
        if (all || names.isEmpty()) {
            return DatasetRegistry.all();
        }
        List<DatasetSource> chosen = new ArrayList<>();
        for (String name : names) {
            chosen.add(DatasetRegistry.byName(name).orElseThrow(() -> new BadInputException(
                    "unknown benchmark \"" + name + "\"; known: " + DatasetRegistry.names())));
        }
        return chosen;
    }

    static int exitCode(DatasetException e) {
        if (e.kind() == DatasetException.Kind.CHECKSUM_MISMATCH) {
            return EXIT_CHECKSUM_MISMATCH;
        }
        if (e.kind() == DatasetException.Kind.LOCAL_IO && org.rmel.base.IoFaults.find(e).isPresent()) {
            return org.rmel.base.EnvironmentException.EXIT_CODE; // disk full, not writable: the machine's fault
        }
        return EXIT_DOWNLOAD_FAILED;
    }

    private static int fail(CommandSpec spec, DatasetException e) {
        spec.commandLine().getErr().println("error: " + e.getMessage());
        spec.commandLine().getErr().flush();
        return exitCode(e);
    }

    static String where(DatasetStore store) {
        return "data folder: " + store.folder().path() + " (" + switch (store.folder().chosenBy()) {
            case "default" -> "default; set --data-dir or " + DataFolder.ENV + " to change";
            default -> "from " + store.folder().chosenBy();
        } + ")";
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Show the known benchmarks and whether each is in the data folder.")
    static final class ListCommand implements Callable<Integer> {
        @Mixin
        Folder folder;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            DatasetStore store = folder.store();
            PrintWriter out = spec.commandLine().getOut();
            out.println(where(store));
            List<FileState> states;
            try {
                states = store.states();
            } catch (DatasetException e) {
                return fail(spec, e);
            }
            out.printf("%-14s %-14s %8s  %-40s %s%n", "NAME", "BENCHMARK", "PROBLEMS", "STATUS", "SOURCE");
            for (FileState s : states) {
                String problems = s.recorded().map(e -> String.valueOf(e.problems()))
                        .orElse(String.valueOf(s.source().expectedProblems()));
                out.printf("%-14s %-14s %8s  %-40s %s%n", s.source().name(), s.source().title(), problems,
                        s.kind().label(), s.source().repo() + " " + s.source().file());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Download benchmarks from the Hugging Face Hub into the data folder, converted to "
                    + "{\"problem\", \"answer\"} JSON Lines, with SHA-256 checksums in manifest.json.")
    static final class FetchCommand implements Callable<Integer> {
        @Mixin
        Folder folder;
        @Spec
        CommandSpec spec;
        @Parameters(arity = "0..*", paramLabel = "NAME", description = "Benchmarks to fetch (see `datasets list`).")
        List<String> names = new ArrayList<>();
        @Option(names = "--all", description = "Fetch every known benchmark (also the default with no NAME).")
        boolean all;
        @Option(names = "--force", description = "Download again even if the file is present and verified.")
        boolean force;

        @Override
        public Integer call() {
            List<DatasetSource> chosen = select(names, all);
            DatasetStore store = folder.store();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            out.println(where(store));
            out.flush();
            int exit = 0;
            for (int i = 0; i < chosen.size(); i++) {
                DatasetSource source = chosen.get(i);
                try {
                    DatasetStore.FetchResult r = store.fetch(source, force);
                    out.println(source.name() + ": " + r.note() + " -> " + r.file());
                    out.flush();
                } catch (DatasetException e) {
                    err.println("error: " + source.name() + ": " + e.getMessage());
                    if (e.kind() == DatasetException.Kind.UNREACHABLE) {
                        err.println(offlineAdvice(store, chosen.subList(i + 1, chosen.size())));
                        err.flush();
                        return EXIT_DOWNLOAD_FAILED;
                    }
                    err.flush();
                    exit = Math.max(exit, exitCode(e));
                }
            }
            return exit;
        }

        private static String offlineAdvice(DatasetStore store, List<DatasetSource> skipped) {
            String rest = skipped.isEmpty() ? ""
                    : "Skipped: " + String.join(", ", skipped.stream().map(DatasetSource::name).toList()) + ".\n";
            return "This machine appears to be offline, or " + store.hub() + " is blocked from it. "
                    + "Nothing was written.\n" + rest
                    + "Fetch on a machine with internet and copy " + store.folder().path() + " over, point "
                    + "--hub-url (or " + HUB_ENV + ") at a reachable mirror, or use a JSON Lines file of your own "
                    + "(see README, \"Data sets\").";
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check the fetched files against the SHA-256 checksums in manifest.json.")
    static final class VerifyCommand implements Callable<Integer> {
        @Mixin
        Folder folder;
        @Spec
        CommandSpec spec;
        @Parameters(arity = "0..*", paramLabel = "NAME", description = "Benchmarks to check (default: all).")
        List<String> names = new ArrayList<>();

        @Override
        public Integer call() {
            List<DatasetSource> chosen = select(names, false);
            DatasetStore store = folder.store();
            PrintWriter out = spec.commandLine().getOut();
            out.println(where(store));
            int checked = 0;
            int bad = 0;
            for (DatasetSource source : chosen) {
                FileState s;
                try {
                    s = store.state(source);
                } catch (DatasetException e) {
                    return fail(spec, e);
                }
                switch (s.kind()) {
                    case OK -> {
                        checked++;
                        out.println(source.name() + ": ok (sha256 " + s.actualSha256() + ")");
                    }
                    case MODIFIED -> {
                        checked++;
                        bad++;
                        out.println(source.name() + ": CHECKSUM MISMATCH: manifest has " + s.recorded().orElseThrow().sha256()
                                + ", " + s.file() + " hashes to " + s.actualSha256()
                                + " (edited or damaged; `datasets fetch " + source.name() + "` replaces it)");
                    }
                    case DELETED -> {
                        bad++;
                        out.println(source.name() + ": MISSING: recorded in the manifest but " + s.file() + " is gone");
                    }
                    case UNRECORDED -> out.println(source.name() + ": not checked (" + s.file()
                            + " was not fetched by this command, so there is no checksum)");
                    case MISSING -> {
                        if (!names.isEmpty()) {
                            out.println(source.name() + ": not fetched");
                        }
                    }
                }
            }
            out.println(bad == 0 ? checked + " file(s) verified" : bad + " problem(s) found");
            out.flush();
            return bad == 0 ? 0 : EXIT_CHECKSUM_MISMATCH;
        }
    }
}
