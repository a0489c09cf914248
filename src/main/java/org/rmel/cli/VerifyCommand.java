package org.rmel.cli;

import com.fasterxml.jackson.core.JsonParser;
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
                "Prints true or false; with --jsonl reads {\"gold\": ..., \"pred\": ...} lines and writes exactly one "
                        + "JSON object per input line, in order: the verdict, or an \"error\" naming the line and field "
                        + "(blank line, invalid JSON, text after the object, a missing, null or non-string field). "
                        + "\"gold\" and \"pred\" must be JSON strings: a number is not converted (write \"1\", not 1) "
                        + "and several gold answers go in one string (\"1, 2\"), not an array. "
                        + "Exits 2 after the last line when any line was an error."})
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

    @Option(names = "--float-rounding", paramLabel = "PLACES", defaultValue = "6",
            description = "Decimal places to which a decimal answer and the value it is compared with are rounded, "
                    + "Math-Verify's float_rounding (default: ${DEFAULT-VALUE}).")
    private int floatRounding;

    @Option(names = "--tolerance", paramLabel = "REL", defaultValue = "1e-9",
            description = "Relative tolerance for values computed in floating point: expressions with variables at "
                    + "sample points, roots, pi (default: ${DEFAULT-VALUE}).")
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
        if (floatRounding < 0 || floatRounding > 30) {
            throw new BadInputException("--float-rounding must be between 0 and 30 decimal places, got " + floatRounding);
        }
        return VerifierSettings.defaults().withTimeLimit(Duration.ofMillis(timeLimitMs)).withRelativeTolerance(tolerance)
                .withFloatRounding(floatRounding);
    }

    /**
     * One output line per input line, always: a verdict or an error object. After the last line,
     * a summary error (exit 2) when any line was malformed, so a pipeline notices.
     */
    private void streamPairs(Verifier verifier, PrintWriter out) throws IOException {
        ObjectMapper json = new ObjectMapper();
        int lines = 0;
        int errors = 0;
        String firstError = null;
        try (BufferedReader in = open()) {
            String line;
            while ((line = in.readLine()) != null) {
                lines++;
                if (lines == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1); // a byte-order mark is not part of the first object
                }
                ObjectNode result = verdictFor(json, verifier, line, lines);
                if (result.has("error")) {
                    errors++;
                    firstError = firstError == null ? result.get("error").asText() : firstError;
                }
                out.println(json.writeValueAsString(result));
                out.flush();
            }
        }
        if (errors > 0) {
            throw new BadInputException(source() + ": " + errors + " of " + lines + " line" + (lines == 1 ? "" : "s")
                    + " could not be verified (the output has an \"error\" object for each; first: " + firstError + ")");
        }
    }

    private String source() {
        return jsonl.equals("-") ? "standard input" : jsonl;
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
        result.put("line", number);
        if (line.isBlank()) {
            return error(result, number, null, "blank line (expected a {\"gold\": ..., \"pred\": ...} object)");
        }
        JsonNode node;
        try (JsonParser parser = json.getFactory().createParser(line)) {
            node = json.readTree(parser);
            if (parser.nextToken() != null) {
                return error(result, number, null, "text after the JSON object, at column "
                        + parser.currentTokenLocation().getColumnNr() + " (one object per line)");
            }
        } catch (JsonProcessingException e) {
            return error(result, number, null, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return error(result, number, null, "not valid JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            return error(result, number, null, "expected a JSON object, got " + describe(node));
        }
        String[] values = new String[2];
        String[] fields = {"gold", "pred"};
        for (int k = 0; k < 2; k++) {
            JsonNode v = node.get(fields[k]);
            if (v == null) {
                return error(result, number, fields[k], "missing field \"" + fields[k] + "\"");
            }
            if (!v.isTextual()) {
                return error(result, number, fields[k], "field \"" + fields[k] + "\" must be a string, got "
                        + describe(v) + hint(v));
            }
            values[k] = v.textValue();
        }
        Verdict v = verifier.verify(values[0], values[1]);
        result.put("equal", v.equal());
        result.put("gold_parsed", v.goldParsed());
        result.put("pred_parsed", v.predParsed());
        result.put("pred_answer", v.predAnswer());
        result.put("reason", v.reason());
        return result;
    }

    private static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isNull()) {
            return "null";
        }
        if (v.isNumber()) {
            return "the number " + v.toString();
        }
        if (v.isBoolean()) {
            return "the boolean " + v.toString();
        }
        if (v.isArray()) {
            return "an array";
        }
        return v.isObject() ? "an object" : "a " + v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static String hint(JsonNode v) {
        if (v.isNumber()) {
            return " (write \"" + v.toString() + "\": numbers are not converted, since 0.10 or 1e3 would lose their spelling)";
        }
        if (v.isArray()) {
            return " (several gold answers go in one string, \"1, 2\")";
        }
        return "";
    }

    private static ObjectNode error(ObjectNode result, int number, String field, String message) {
        if (field != null) {
            result.put("field", field);
        }
        result.put("error", "line " + number + ": " + message);
        return result;
    }
}
