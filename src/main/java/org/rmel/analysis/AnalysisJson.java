package org.rmel.analysis;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;
import org.rmel.run.ReadWarning;
import org.rmel.run.RunDirectory;
import org.rmel.run.RunStatus;

/**
 * The {@code analyze --json} object. Keys are the record components in snake_case; a number
 * that does not exist (a rate with no trials) is {@code null}, never the non-JSON NaN. The keys
 * are documented in {@code docs/run-format.md}.
 */
public final class AnalysisJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new SimpleModule("finite-numbers")
                    .addSerializer(Double.class, new FiniteDouble())
                    .addSerializer(double.class, new FiniteDouble())
                    .addSerializer(double[].class, new FiniteDoubles())
                    .addSerializer(OptionalInt.class, new OptionalIntSerializer()))
            .build();

    private AnalysisJson() {
    }

    public static ObjectNode toJson(RunDirectory run, RunAnalyzer.Result result,
            List<PairedBootstrap.Comparison> comparisons) {
        return toJson(run, result, comparisons, null);
    }

    /** The object with the run's start-to-end change under {@code learning} (null: the key is left out). */
    public static ObjectNode toJson(RunDirectory run, RunAnalyzer.Result result,
            List<PairedBootstrap.Comparison> comparisons, LearningChange learning) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", 1);
        root.put("run", run.dir().toString());
        root.set("spec", run.spec().json());
        RunStatus s = result.read().status();
        ObjectNode status = root.putObject("status");
        status.put("state", s.state().name().toLowerCase(java.util.Locale.ROOT));
        status.put("detail", s.detail());
        status.put("steps_done", s.stepsDone());
        if (s.stepsTotal().isPresent()) {
            status.put("steps_total", s.stepsTotal().getAsInt());
        } else {
            status.putNull("steps_total");
        }
        status.put("started_at_ms", s.startedAt().map(java.time.Instant::toEpochMilli).orElse(null));
        status.put("last_event_at_ms", s.lastEventAt().map(java.time.Instant::toEpochMilli).orElse(null));
        root.put("events", result.read().events());
        ArrayNode warnings = root.putArray("warnings");
        for (ReadWarning w : result.read().warnings()) {
            warnings.add(w.toString());
        }
        root.set("analysis", MAPPER.valueToTree(result.analysis()));
        root.set("comparisons", MAPPER.valueToTree(comparisons));
        if (learning != null) {
            ObjectNode l = root.putObject("learning");
            l.set("reward", learning.reward().isPresent() ? MAPPER.valueToTree(learning.reward().get()) : null);
            l.put("first_eval_step", learning.firstEvalStep());
            l.put("last_eval_step", learning.lastEvalStep());
            l.set("evals", MAPPER.valueToTree(learning.evals()));
            l.set("pooled", MAPPER.valueToTree(learning.pooled()));
        }
        return root;
    }

    /** Any analysis value as JSON with this mapper's conventions (snake_case keys, null for NaN). */
    public static com.fasterxml.jackson.databind.JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    public static String toString(ObjectNode json) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (IOException e) {
            throw new IllegalStateException("a tree built here is always writable", e);
        }
    }

    private static final class FiniteDouble extends StdSerializer<Double> {
        FiniteDouble() {
            super(Double.class);
        }

        @Override
        public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
            if (v == null || !Double.isFinite(v)) {
                g.writeNull();
            } else {
                g.writeNumber(v);
            }
        }
    }

    private static final class FiniteDoubles extends StdSerializer<double[]> {
        FiniteDoubles() {
            super(double[].class);
        }

        @Override
        public void serialize(double[] vs, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartArray();
            for (double v : vs) {
                if (Double.isFinite(v)) {
                    g.writeNumber(v);
                } else {
                    g.writeNull();
                }
            }
            g.writeEndArray();
        }
    }

    private static final class OptionalIntSerializer extends StdSerializer<OptionalInt> {
        OptionalIntSerializer() {
            super(OptionalInt.class);
        }

        @Override
        public void serialize(OptionalInt v, JsonGenerator g, SerializerProvider p) throws IOException {
            if (v.isPresent()) {
                g.writeNumber(v.getAsInt());
            } else {
                g.writeNull();
            }
        }
    }
}
