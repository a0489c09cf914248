package org.rmel.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.rmel.base.BadInputException;
import org.rmel.method.Condition;
import org.rmel.train.TrainSettings;

/**
 * The content of {@code study.json} (version {@value #VERSION}): the preset, the conditions and
 * seeds, the settings every run shares, each condition's own overrides, the reference condition
 * of the statistics and the executor. Settings are kept as text, exactly as {@code train --set}
 * takes them, and checked by the trainer's own {@link TrainSettings#validate}; every (condition,
 * seed) must pass the trainer's cross-setting check too, so {@code study create} refuses what
 * {@code train} would refuse.
 */
public record StudySpec(int version, String preset, List<String> conditions, List<Integer> seeds,
        Map<String, String> settings, Map<String, Map<String, String>> overrides, String reference,
        ExecutorSpec executor, String created) {
    public static final int VERSION = 1;
    public static final String FILE = "study.json";
    /** The paper's three conditions and its two ablations. */
    public static final List<String> DEFAULT_CONDITIONS = List.of("mel", "mel-extra", "r-mel", "r-mel-no-prefix", "r-mel-b1");
    public static final List<Integer> DEFAULT_SEEDS = List.of(1, 2, 3);
    public static final String DEFAULT_REFERENCE = "r-mel";
    /** Settings a study sets per cell, never in {@code settings} or {@code overrides}. */
    private static final Set<String> PER_CELL = Set.of("condition", "seed");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public StudySpec {
        conditions = List.copyOf(conditions);
        seeds = List.copyOf(seeds);
        settings = unmodifiable(settings);
        Map<String, Map<String, String>> o = new LinkedHashMap<>();
        overrides.forEach((c, m) -> o.put(c, unmodifiable(m)));
        overrides = java.util.Collections.unmodifiableMap(o);
    }

    private static Map<String, String> unmodifiable(Map<String, String> m) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /** The default study: the paper's five conditions, seeds 1–3, the built-in default preset, local executor. */
    public static StudySpec defaults() {
        return new StudySpec(VERSION, "default", DEFAULT_CONDITIONS, DEFAULT_SEEDS, Map.of(), Map.of(), DEFAULT_REFERENCE,
                ExecutorSpec.local(), "");
    }

    /** Every (condition, seed), conditions in order, seeds within each. */
    public List<StudyCell> cells() {
        List<StudyCell> cells = new ArrayList<>();
        for (String c : conditions) {
            for (int s : seeds) {
                cells.add(new StudyCell(cells.size(), c, s));
            }
        }
        return cells;
    }

    public StudyCell cell(int index) {
        List<StudyCell> cells = cells();
        if (index < 0 || index >= cells.size()) {
            throw new BadInputException("cell " + index + ": the study has cells 0 to " + (cells.size() - 1));
        }
        return cells.get(index);
    }

    /**
     * Field → why it is refused, in the order a person reads the file; empty when every run can
     * start. Fields: {@code preset}, {@code conditions}, {@code seeds}, {@code settings.KEY},
     * {@code overrides.CONDITION.KEY}, {@code reference}, {@code executor.KEY}, and {@code CELL}
     * (e.g. {@code r-mel-b1-s2}) for a cross-setting contradiction in one run.
     */
    public Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        if (!TrainSettings.PRESETS.contains(preset)) {
            problems.put("preset", "unknown preset '" + preset + "'; presets: " + String.join(", ", TrainSettings.PRESETS));
        }
        if (conditions.isEmpty()) {
            problems.put("conditions", "list at least one condition (" + Condition.validNames() + ")");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < conditions.size(); i++) {
            String c = conditions.get(i);
            if (!TrainSettings.CONDITIONS.contains(c)) {
                problems.putIfAbsent("conditions", "unknown condition '" + c + "'; valid: " + Condition.validNames());
            } else if (!seen.add(c)) {
                problems.putIfAbsent("conditions", "'" + c + "' is listed twice");
            }
        }
        if (seeds.isEmpty()) {
            problems.put("seeds", "list at least one seed");
        }
        Set<Integer> seenSeeds = new HashSet<>();
        for (int s : seeds) {
            if (!seenSeeds.add(s)) {
                problems.putIfAbsent("seeds", "seed " + s + " is listed twice");
            }
        }
        checkSettings("settings", settings, problems);
        overrides.forEach((condition, values) -> {
            if (!conditions.contains(condition)) {
                problems.put("overrides." + condition, "'" + condition + "' is not one of the study's conditions ("
                        + String.join(", ", conditions) + ")");
            } else {
                checkSettings("overrides." + condition, values, problems);
            }
        });
        if (!conditions.contains(reference)) {
            problems.put("reference", "the reference '" + reference + "' is not one of the study's conditions ("
                    + String.join(", ", conditions) + ")");
        }
        problems.putAll(executor.problems());
        if (problems.isEmpty()) {
            for (StudyCell cell : cells()) {
                try {
                    settings(cell).checkConsistent();
                } catch (BadInputException e) {
                    problems.put(cell.name(), e.getMessage());
                    break;
                }
            }
        }
        return problems;
    }

    private static void checkSettings(String field, Map<String, String> values, Map<String, String> problems) {
        values.forEach((key, value) -> {
            if (PER_CELL.contains(key)) {
                problems.put(field + "." + key, key.equals("seed") ? "the study sets each run's seed from 'seeds'"
                        : "the study sets each run's condition from 'conditions'");
                return;
            }
            String error = TrainSettings.validate(key, value);
            if (error != null) {
                problems.put(field + "." + key, error);
            }
        });
    }

    /** Throws the first problem as {@code SOURCE: FIELD: MESSAGE}; returns this when there is none. */
    public StudySpec validate(String source) {
        Map<String, String> problems = problems();
        if (!problems.isEmpty()) {
            Map.Entry<String, String> first = problems.entrySet().iterator().next();
            throw new BadInputException(source + ": " + first.getKey() + ": " + first.getValue());
        }
        return this;
    }

    /**
     * The {@code --set} pairs of one run: the shared settings (except those the condition fixes,
     * such as R-MEL (B=1)'s budget, which the condition decides), then the condition's overrides.
     */
    public List<String[]> sets(String condition) {
        Condition c = Condition.fromCliName(condition);
        Map<String, String> out = new LinkedHashMap<>();
        settings.forEach((k, v) -> {
            boolean fixed = (k.equals("budget") && c.budgetOverride().isPresent())
                    || (k.equals("tau_min") && c.tauMinOverride().isPresent());
            if (!fixed) {
                out.put(k, v);
            }
        });
        out.putAll(overrides.getOrDefault(condition, Map.of()));
        return out.entrySet().stream().map(e -> new String[] {e.getKey(), e.getValue().trim()}).toList();
    }

    /** The settings the trainer runs the cell with (what {@link #trainArgs} makes {@code train} build). */
    public TrainSettings settings(StudyCell cell) {
        TrainSettings s = TrainSettings.preset(preset).withCondition(cell.condition()).with("seed", Integer.toString(cell.seed()));
        for (String[] kv : sets(cell.condition())) {
            s = s.with(kv[0], kv[1]);
        }
        return s;
    }

    /** {@code --preset P --condition C --seed S --out DIR --set key=value...}. */
    public List<String> trainArgs(StudyCell cell, Path runDir) {
        List<String> args = new ArrayList<>(List.of("--preset", preset, "--condition", cell.condition(),
                "--seed", Integer.toString(cell.seed()), "--out", runDir.toString()));
        for (String[] kv : sets(cell.condition())) {
            args.add("--set");
            args.add(kv[0] + "=" + kv[1]);
        }
        return args;
    }

    public StudySpec withCreated(String stamp) {
        return new StudySpec(version, preset, conditions, seeds, settings, overrides, reference, executor, stamp);
    }

    public StudySpec withExecutor(ExecutorSpec e) {
        return new StudySpec(version, preset, conditions, seeds, settings, overrides, reference, e, created);
    }

    // ---- study.json ----

    /** Reads and checks {@code file}; every problem names the file and the field. */
    public static StudySpec read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new BadInputException(file.getParent() + ": not a study folder (it has no " + FILE + ")");
        } catch (JsonProcessingException e) {
            throw new BadInputException(file + " line " + e.getLocation().getLineNr() + ": not valid JSON ("
                    + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(file + ": expected a JSON object (a study's settings)");
        }
        JsonNode v = root.get("version");
        if (v == null || !v.canConvertToExactIntegral()) {
            throw new BadInputException(file + ": version: missing or not an integer (this workbench writes version "
                    + VERSION + ")");
        }
        if (v.intValue() != VERSION) {
            throw new BadInputException(file + ": version " + v.intValue() + " is not supported: this workbench reads study folders of version "
                    + VERSION + (v.intValue() > VERSION ? "; open it with the newer workbench that wrote it" : ""));
        }
        String where = file.toString();
        StudySpec spec = new StudySpec(VERSION, text(root, "preset", where, "default"),
                strings(root.get("conditions"), "conditions", where),
                ints(root.get("seeds"), "seeds", where),
                settingsOf(root.get("settings"), "settings", where),
                overridesOf(root.get("overrides"), where),
                text(root, "reference", where, DEFAULT_REFERENCE),
                executorOf(root.get("executor"), where),
                root.has("created") ? root.get("created").asText() : "");
        return spec.validate(where);
    }

    public void write(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", version);
        root.put("preset", preset);
        ArrayNode c = root.putArray("conditions");
        conditions.forEach(c::add);
        ArrayNode s = root.putArray("seeds");
        seeds.forEach(s::add);
        root.set("settings", typed(settings));
        ObjectNode o = root.putObject("overrides");
        overrides.forEach((cond, m) -> o.set(cond, typed(m)));
        root.put("reference", reference);
        ObjectNode e = root.putObject("executor");
        e.put("type", executor.type());
        executor.settings().forEach((k, v) -> {
            if (v.trim().matches("-?\\d{1,9}")) {
                e.put(k, Integer.parseInt(v.trim()));
            } else {
                e.put(k, v);
            }
        });
        root.put("created", created);
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".study", ".tmp");
        JSON.writeValue(temp.toFile(), root);
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Settings as JSON values of their types (numbers, lists), as {@code run.json} writes them. */
    private static ObjectNode typed(Map<String, String> values) {
        ObjectNode node = JSON.createObjectNode();
        values.forEach((k, v) -> {
            var setting = TrainSettings.catalogue().get(k);
            Object value = v;
            if (setting != null) {
                try {
                    value = setting.parse(v);
                } catch (IllegalArgumentException ignored) {
                    // written as text; validation reports it on reading
                }
            }
            node.set(k, JSON.valueToTree(value));
        });
        return node;
    }

    private static String text(JsonNode root, String field, String where, String fallback) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isTextual()) {
            throw new BadInputException(where + ": " + field + ": expected text, got " + n);
        }
        return n.asText();
    }

    private static List<String> strings(JsonNode n, String field, String where) {
        if (n == null || !n.isArray()) {
            throw new BadInputException(where + ": " + field + ": expected a list such as [\"mel\", \"r-mel\"]");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isTextual()) {
                throw new BadInputException(where + ": " + field + "[" + i + "]: expected a condition name, got " + n.get(i));
            }
            out.add(n.get(i).asText());
        }
        return out;
    }

    private static List<Integer> ints(JsonNode n, String field, String where) {
        if (n == null || !n.isArray()) {
            throw new BadInputException(where + ": " + field + ": expected a list of integers such as [1, 2, 3]");
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).canConvertToExactIntegral() || !n.get(i).canConvertToInt()) {
                throw new BadInputException(where + ": " + field + "[" + i + "]: expected an integer, got " + n.get(i));
            }
            out.add(n.get(i).intValue());
        }
        return out;
    }

    private static Map<String, String> settingsOf(JsonNode n, String field, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            throw new BadInputException(where + ": " + field + ": expected an object of settings such as {\"k\": 8}");
        }
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), valueText(e.getValue(), field + "." + e.getKey(), where));
        }
        return out;
    }

    /** A JSON value as {@code --set} text: lists joined by commas. */
    static String valueText(JsonNode v, String field, String where) {
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(x -> parts.add(x.asText()));
            return String.join(",", parts);
        }
        if (v.isValueNode() && !v.isNull()) {
            return v.asText();
        }
        throw new BadInputException(where + ": " + field + ": expected a number, text or list, got " + v);
    }

    private static Map<String, Map<String, String>> overridesOf(JsonNode n, String where) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            throw new BadInputException(where + ": overrides: expected an object such as {\"r-mel\": {\"budget\": 2}}");
        }
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), settingsOf(e.getValue(), "overrides." + e.getKey(), where));
        }
        return out;
    }

    private static ExecutorSpec executorOf(JsonNode n, String where) {
        if (n == null || n.isNull()) {
            return ExecutorSpec.local();
        }
        if (!n.isObject() || n.get("type") == null || !n.get("type").isTextual()) {
            throw new BadInputException(where + ": executor: expected an object with a \"type\" (local or slurm)");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("type")) {
                settings.put(e.getKey(), valueText(e.getValue(), "executor." + e.getKey(), where));
            }
        }
        return new ExecutorSpec(n.get("type").asText(), settings);
    }

    /** "mel, r-mel" or "1, 2, 3" → list; used by the command line and the dialog. */
    public static List<String> splitList(String text) {
        return java.util.Arrays.stream(text.split("[,\\s]+")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toList());
    }
}
