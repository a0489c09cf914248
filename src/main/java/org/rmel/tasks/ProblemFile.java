package org.rmel.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.rmel.base.BadInputException;
import org.rmel.verify.Verifier;

/**
 * Reads problems from a JSONL file, one object per line, in any of three layouts (detected per
 * record):
 * <ul>
 *   <li>benchmark: {@code {"problem", "answer"}} (the shared MATH-500, AIME, AMC, OlympiadBench,
 *       Minerva files);</li>
 *   <li>MATH: {@code {"problem", "solution", "answer"}}; without "answer", the last
 *       {@code \boxed{}} of the solution;</li>
 *   <li>DAPO training: {@code {"prompt", "solution", "reward_model": {"ground_truth"},
 *       "extra_info": {"index"}}}, with the prompt a string or a list of chat messages.</li>
 * </ul>
 * Answer-format instructions around the problem are removed ({@link PromptTemplate} adds the
 * chosen one back). A bad record is a {@link BadInputException} naming the file, line and field.
 */
public final class ProblemFile {
    /** "Please reason step by step, and put your final answer within \boxed{}." and variants. */
    private static final Pattern TRAILING_INSTRUCTION = Pattern.compile(
            "\\s*Please reason step by step[^\\n]*\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DAPO_PREFIX = Pattern.compile(
            "^\\s*Solve the following math problem step by step\\..*?where \\$Answer is the answer to the problem\\.\\s*",
            Pattern.DOTALL);
    private static final Pattern DAPO_SUFFIX = Pattern.compile(
            "\\s*Remember to put your answer on its own line after \"Answer:\"\\.?\\s*$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemFile() {
    }

    public static List<Problem> read(Path file) {
        List<Problem> problems = new ArrayList<>();
        String stem = stem(file);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    problems.add(record(line, file, number, stem));
                }
            }
        } catch (IOException e) {
            throw new BadInputException("cannot read problem file " + file + ": " + e.getMessage(), e);
        }
        if (problems.isEmpty()) {
            throw new BadInputException(file + ": no problems in the file");
        }
        return List.copyOf(problems);
    }

    private static Problem record(String line, Path file, int number, String stem) {
        String where = file + ":" + number;
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new BadInputException(where + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new BadInputException(where + ": expected a JSON object");
        }
        if (node.has("prompt")) {
            return dapo(node, where, file, number, stem);
        }
        String problem = text(node, "problem", where);
        String solution = optionalText(node, "solution", where);
        String answer = optionalText(node, "answer", where);
        if (answer == null) {
            if (solution == null) {
                throw new BadInputException(where + ": missing field \"answer\"");
            }
            answer = Verifier.lastBoxed(solution); // MATH's convention: the last \boxed{} of the solution
            if (answer == null || !solution.contains("\\boxed")) {
                throw new BadInputException(where + ": no field \"answer\" and no \\boxed{} answer in \"solution\"");
            }
        }
        String id = firstText(node, stem + "-" + number, "id", "unique_id", "idx");
        return new Problem(id, stripInstruction(problem), answer, solution, file.toString(), number);
    }

    private static Problem dapo(JsonNode node, String where, Path file, int number, String stem) {
        JsonNode prompt = node.get("prompt");
        String text;
        if (prompt.isTextual()) {
            text = prompt.asText();
        } else if (prompt.isArray() && prompt.size() > 0) {
            JsonNode user = null;
            for (JsonNode message : prompt) {
                if (message.isObject() && "user".equals(message.path("role").asText())) {
                    user = message;
                }
            }
            if (user == null || !user.path("content").isTextual()) {
                throw new BadInputException(where + ": field \"prompt\" has no user message with text \"content\"");
            }
            text = user.get("content").asText();
        } else {
            throw new BadInputException(where + ": field \"prompt\" must be a string or a list of messages");
        }
        JsonNode truth = node.path("reward_model").path("ground_truth");
        if (!truth.isValueNode() || truth.isNull() || truth.asText().isBlank()) {
            throw new BadInputException(where + ": missing field \"reward_model.ground_truth\"");
        }
        JsonNode index = node.path("extra_info").path("index");
        String id = index.isValueNode() && !index.isNull() ? index.asText() : stem + "-" + number;
        String solution = optionalText(node, "solution", where);
        String clean = DAPO_SUFFIX.matcher(DAPO_PREFIX.matcher(text).replaceFirst("")).replaceFirst("");
        return new Problem(id, stripInstruction(clean), truth.asText(), solution, file.toString(), number);
    }

    /** The problem text without a trailing "Please reason step by step..." instruction. */
    public static String stripInstruction(String problem) {
        return TRAILING_INSTRUCTION.matcher(problem).replaceFirst("").strip();
    }

    private static String text(JsonNode node, String field, String where) {
        String value = optionalText(node, field, where);
        if (value == null || value.isBlank()) {
            throw new BadInputException(where + ": missing field \"" + field + "\"");
        }
        return value;
    }

    private static String optionalText(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw new BadInputException(where + ": field \"" + field + "\" must be a string or number");
        }
        return v.asText();
    }

    private static String firstText(JsonNode node, String fallback, String... fields) {
        for (String f : fields) {
            JsonNode v = node.get(f);
            if (v != null && v.isValueNode() && !v.isNull() && !v.asText().isBlank()) {
                return v.asText();
            }
        }
        return fallback;
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
