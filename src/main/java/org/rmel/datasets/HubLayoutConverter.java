package org.rmel.datasets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a hub file (JSON Lines, one record per line, columns as published) into the
 * {@code {"problem", "answer"}} layout the task loaders read. The problem text is written as
 * published, without a prompt instruction: the instruction is the prompt template's business.
 */
public final class HubLayoutConverter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HubLayoutConverter() {
    }

    /**
     * Converts {@code raw} into {@code out} and returns the number of problems written.
     *
     * @param origin how to name the raw file in messages (its URL)
     */
    public static int convert(DatasetSource source, Path raw, Path out, String origin) throws DatasetException {
        int problems = 0;
        int lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(raw, StandardCharsets.UTF_8);
             BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode record = parse(line, origin, lineNo);
                ObjectNode converted = JSON.createObjectNode();
                converted.put("problem", text(record, source.problemFields(), origin, lineNo, false));
                converted.put("answer", text(record, source.answerFields(), origin, lineNo, true));
                w.write(JSON.writeValueAsString(converted));
                w.write('\n');
                problems++;
            }
        } catch (CharacterCodingException e) {
            throw bad(origin, lineNo + 1, "not UTF-8 text");
        } catch (IOException e) {
            throw new DatasetException(DatasetException.Kind.LOCAL_IO, out + ": cannot write: " + e.getMessage(), e);
        }
        if (problems == 0) {
            throw bad(origin, lineNo, "the file holds no records");
        }
        return problems;
    }

    private static JsonNode parse(String line, String origin, int lineNo) throws DatasetException {
        try {
            JsonNode node = JSON.readTree(line);
            if (node == null || !node.isObject()) {
                throw bad(origin, lineNo, "not a JSON object (expected JSON Lines)");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw bad(origin, lineNo, "not JSON (expected JSON Lines; an HTML page here usually means a proxy or login page)");
        }
    }

    private static String text(JsonNode record, List<String> fields, String origin, int lineNo, boolean isAnswer)
            throws DatasetException {
        for (String field : fields) {
            JsonNode value = record.get(field);
            if (value == null || value.isNull()) {
                continue;
            }
            String s = flatten(value);
            if (isAnswer) {
                s = lastBoxed(s).orElse(s);
            }
            s = s.strip();
            if (s.isEmpty()) {
                throw bad(origin, lineNo, "field \"" + field + "\" is empty");
            }
            return s;
        }
        throw bad(origin, lineNo, "none of the fields " + fields + " is present (the repository's layout may have changed)");
    }

    /**
     * Strings as they are; numbers in plain notation without a trailing ".0" (AMC23 publishes its
     * integer answers as floats, 27.0, where every other set writes 27); lists (OlympiadBench's
     * final_answer) joined by ", ".
     */
    private static String flatten(JsonNode value) {
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(v -> parts.add(flatten(v)));
            return String.join(", ", parts);
        }
        if (value.isNumber()) {
            return value.decimalValue().stripTrailingZeros().toPlainString();
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** The content of the last {@code \boxed{...}} with balanced braces, if the text has one. */
    static java.util.Optional<String> lastBoxed(String s) {
        int start = s.lastIndexOf("\\boxed{");
        if (start < 0) {
            return java.util.Optional.empty();
        }
        int depth = 0;
        int open = start + "\\boxed".length();
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return java.util.Optional.of(s.substring(open + 1, i));
            }
        }
        return java.util.Optional.empty();
    }

    private static DatasetException bad(String origin, int lineNo, String what) {
        return new DatasetException(DatasetException.Kind.BAD_SOURCE, origin + " line " + lineNo + ": " + what);
    }
}
