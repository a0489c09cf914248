package org.rmel.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.rmel.base.BadInputException;
import org.rmel.verify.Verdict;
import org.rmel.verify.Verifier;
import org.rmel.verify.VerifierSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code verify --gold G --pred P [--explain]} or {@code verify --jsonl FILE|-}: the answer
 * verifier from the command line, one pair or a stream of pairs.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check whether a predicted answer equals a gold answer (the Math-Verify role).",
                "Prints true or false; with --jsonl reads {\"gold\": ..., \"pred\": ...} lines and writes one "
                        + "verdict object per line, in order."})
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--gold", paramLabel = "G", description = "Gold answer (bare, $...$ or boxed).")
    private String gold;

    @Option(names = "--pred", paramLabel = "P", description = "Prediction: model output or a bare answer.")
    private String pred;

    @Option(names = "--explain", description = "Also print the extracted and parsed forms and the reason.")
    private boolean explain;

    @Option(names = "--jsonl", paramLabel = "FILE", description = "JSONL file of {\"gold\", \"pred\"} pairs; - for stdin.")
    private String jsonl;

    @Option(names = "--time-limit-ms", paramLabel = "MS", defaultValue = "1000",
            description = "Time bound of one verification (default: ${DEFAULT-VALUE}).")
    private long timeLimitMs;

    @Option(names = "--tolerance", paramLabel = "REL", defaultValue = "1e-6",
            description = "Relative tolerance for numbers (default: ${DEFAULT-VALUE}).")
    private double tolerance;

    @Override
    public Integer call() throws IOException {
        Verifier verifier = new Verifier(settings());
        PrintWriter out = spec.commandLine().getOut();
        if (jsonl != null) {
            if (gold != null || pred != null) {
                throw new BadInputException("--jsonl cannot be combined with --gold/--pred");
            }
            streamPairs(verifier, out);
        } else {
            if (gold == null || pred == null) {
                throw new BadInputException("give --gold and --pred, or --jsonl FILE");
            }
            Verdict v = verifier.verify(gold, pred);
            out.println(v.equal());
            if (explain) {
                out.println("gold answer: " + v.goldAnswer());
                out.println("pred answer: " + v.predAnswer());
                out.println("gold parsed: " + v.goldParsed());
                out.println("pred parsed: " + v.predParsed());
                out.println("reason:      " + v.reason());
            }
        }
        out.flush();
        return 0;
    }

    private VerifierSettings settings() {
        if (timeLimitMs <= 0) {
            throw new BadInputException("--time-limit-ms must be positive, got " + timeLimitMs);
        }
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new BadInputException("--tolerance must be in [0, 1), got " + tolerance);
        }
        return VerifierSettings.defaults().withTimeLimit(Duration.ofMillis(timeLimitMs)).withRelativeTolerance(tolerance);
    }

    private void streamPairs(Verifier verifier, PrintWriter out) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader in = open()) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                out.println(json.writeValueAsString(verdictFor(json, verifier, line, number)));
                out.flush();
            }
        }
    }

    private BufferedReader open() {
        if (jsonl.equals("-")) {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        Path path = Path.of(jsonl);
        try {
            return Files.newBufferedReader(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("cannot read --jsonl file " + path + ": " + e.getMessage(), e);
        }
    }

    /** The output object for one input line; a malformed line gives an "error" object instead. */
    private static ObjectNode verdictFor(ObjectMapper json, Verifier verifier, String line, int number) {
        ObjectNode result = json.createObjectNode();
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            return error(result, number, "not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return error(result, number, "expected a JSON object");
        }
        JsonNode g = node.get("gold");
        JsonNode p = node.get("pred");
        if (g == null || !g.isValueNode() || g.isNull()) {
            return error(result, number, "missing field \"gold\"");
        }
        if (p == null || !p.isValueNode() || p.isNull()) {
            return error(result, number, "missing field \"pred\"");
        }
        Verdict v = verifier.verify(g.asText(), p.asText());
        result.put("equal", v.equal());
        result.put("gold_parsed", v.goldParsed());
        result.put("pred_parsed", v.predParsed());
        result.put("pred_answer", v.predAnswer());
        result.put("reason", v.reason());
        return result;
    }

    private static ObjectNode error(ObjectNode result, int number, String message) {
        result.put("line", number);
        result.put("error", "line " + number + ": " + message);
        return result;
    }
}
