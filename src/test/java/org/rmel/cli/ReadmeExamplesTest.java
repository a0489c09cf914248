package org.rmel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's command-line examples on the bundled sample runs work as written: every line
 * {@code java -jar target/rmel-workbench.jar export|analyze sample-runs/...} is run as the shell
 * would (globs expanded in name order, so {@code sample-runs/*} includes the README and the
 * script), with its output file put in a temporary folder.
 */
class ReadmeExamplesTest {
    private static final String PREFIX = "java -jar target/rmel-workbench.jar ";

    @TempDir
    Path tmp;

    @Test
    void everySampleRunExampleOfTheReadmeRuns() throws IOException {
        List<String> examples = Files.readAllLines(Path.of("README.md")).stream().map(String::strip)
                .filter(l -> l.startsWith(PREFIX) && l.contains("sample-runs"))
                .map(l -> l.substring(PREFIX.length()).replaceAll("\\s+#.*$", "")).distinct().toList();
        assertTrue(examples.size() >= 3, "the README shows export examples on the sample runs: " + examples);
        for (String example : examples) {
            List<String> args = new ArrayList<>();
            String[] words = example.split("\\s+");
            for (int i = 0; i < words.length; i++) {
                String w = words[i];
                if (w.endsWith("/*")) {
                    try (Stream<Path> entries = Files.list(Path.of(w.substring(0, w.length() - 2)))) {
                        entries.map(Path::toString).sorted().forEach(args::add);
                    }
                } else if (i > 0 && words[i - 1].equals("--out")) {
                    args.add(tmp.resolve(Path.of(w).getFileName()).toString());
                } else {
                    args.add(w);
                }
            }
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = RmelCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
            assertEquals(0, code, example + "\n" + err);
        }
    }
}
