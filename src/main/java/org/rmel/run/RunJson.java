package org.rmel.run;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson configuration for run files, so the writer and every reader agree. */
public final class RunJson {
    /**
     * Unknown fields are skipped (newer writers add them); unknown event types decode to null
     * instead of failing; two objects glued on one line (a lost newline) are an error, not a
     * silently dropped second event. A value of the wrong JSON type is an error, not converted:
     * {@code "step":"3"}, {@code "step":3.5}, {@code "prompt_id":5}, {@code "kept":"yes"} (the
     * non-finite numbers the writer spells as strings, {@code "NaN"}, still read). An explicit
     * {@code null} for a primitive (a count, a number, a flag: {@code "tokens":null}) is an error,
     * not 0 or false ({@link NullRefusingPrimitive}); an absent one still takes its default
     * (optional fields such as {@code truncated}, fields older writers did not write), and null
     * stays legal where the field is an object or a wrapper ({@code "accepted":null}, a metric).
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .addModule(NullRefusingPrimitive.module())
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private RunJson() {
    }
}
