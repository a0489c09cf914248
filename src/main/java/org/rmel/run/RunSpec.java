package org.rmel.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.rmel.base.BadInputException;

/**
 * The content of {@code run.json}: a generic JSON object (the trainer puts every hyperparameter,
 * the model, tasks, device and versions in it) with typed accessors for the keys the workbench
 * relies on. Kept generic so a newer trainer's keys survive a round trip untouched.
 */
public final class RunSpec {
    public static final String CONDITION = "condition";
    public static final String K = "k";
    public static final String BUDGET = "budget";
    public static final String TAU_SCHEDULE = "tau_schedule";
    public static final String TAU_MIN = "tau_min";
    public static final String SEED = "seed";
    /** Number of training steps planned; drives progress and ETA. */
    public static final String STEPS_TOTAL = "steps_total";
    /** The held-out benchmarks drawn from the training distribution (absent in runs before it was recorded). */
    public static final String IN_DISTRIBUTION_BENCHMARKS = "in_distribution_benchmarks";

    private final ObjectNode json;

    private RunSpec(ObjectNode json) {
        this.json = json;
    }

    /** Wraps a copy of {@code json}. */
    public static RunSpec of(ObjectNode json) {
        return new RunSpec(json.deepCopy());
    }

    public static RunSpec empty() {
        return new RunSpec(RunJson.MAPPER.createObjectNode());
    }

    /** Reads {@code file}; a missing or malformed file is a {@link BadInputException} naming it. */
    public static RunSpec read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": missing; a run folder starts with run.json");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        JsonNode node;
        try {
            node = RunJson.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new BadInputException(file + " line " + e.getLocation().getLineNr() + ": not valid JSON ("
                    + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new BadInputException(file + ": expected a JSON object with the run's settings");
        }
        return new RunSpec((ObjectNode) node);
    }

    /** A copy of the whole object, for display and for {@code run_started}. */
    public ObjectNode json() {
        return json.deepCopy();
    }

    public RunSpec with(String key, Object value) {
        ObjectNode copy = json.deepCopy();
        copy.set(key, RunJson.MAPPER.valueToTree(value));
        return new RunSpec(copy);
    }

    public Optional<String> string(String key) {
        JsonNode n = json.get(key);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
    }

    public OptionalLong integer(String key) {
        JsonNode n = json.get(key);
        return n != null && n.canConvertToLong() && n.isIntegralNumber() ? OptionalLong.of(n.asLong())
                : OptionalLong.empty();
    }

    public OptionalDouble number(String key) {
        JsonNode n = json.get(key);
        return n != null && n.isNumber() ? OptionalDouble.of(n.asDouble()) : OptionalDouble.empty();
    }

    public Optional<String> condition() {
        return string(CONDITION);
    }

    public OptionalInt k() {
        return asInt(integer(K));
    }

    public OptionalInt budget() {
        return asInt(integer(BUDGET));
    }

    /** The truncation ratios in the order they are tried; empty when not given. */
    public List<Double> tauSchedule() {
        JsonNode n = json.get(TAU_SCHEDULE);
        List<Double> out = new ArrayList<>();
        if (n instanceof ArrayNode a) {
            a.forEach(x -> {
                if (x.isNumber()) {
                    out.add(x.asDouble());
                }
            });
        }
        return List.copyOf(out);
    }

    public OptionalDouble tauMin() {
        return number(TAU_MIN);
    }

    public OptionalLong seed() {
        return integer(SEED);
    }

    public OptionalInt stepsTotal() {
        return asInt(integer(STEPS_TOTAL));
    }

    private static OptionalInt asInt(OptionalLong v) {
        return v.isPresent() ? OptionalInt.of((int) v.getAsLong()) : OptionalInt.empty();
    }

    @Override
    public String toString() {
        return json.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunSpec s && s.json.equals(json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }
}
