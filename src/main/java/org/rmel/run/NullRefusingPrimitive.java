package org.rmel.run;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.util.AccessPattern;
import java.io.IOException;

/**
 * Reads a primitive ({@code int}, {@code long}, {@code double}, {@code boolean}) with Jackson's own
 * deserializer, but tells an explicit {@code null} from an absent field: {@code "tokens":null}
 * throws {@link InvalidNullException} (the reader reports the line), while a field that is not
 * there still takes the type's default (0, false), as optional fields and older runs need.
 * Jackson's {@code FAIL_ON_NULL_FOR_PRIMITIVES} and {@code Nulls.FAIL} cannot be used for this:
 * both also fail on an absent record component.
 */
final class NullRefusingPrimitive<T> extends StdScalarDeserializer<T> {
    private final JsonDeserializer<T> standard;
    private final T absent;

    @SuppressWarnings("unchecked")
    private NullRefusingPrimitive(Class<T> type, T absent) {
        super(type);
        this.standard = (JsonDeserializer<T>) NumberDeserializers.find(type, type.getName());
        this.absent = absent;
    }

    /** A module that installs the null-refusing deserializer for each primitive a run file holds. */
    static SimpleModule module() {
        SimpleModule m = new SimpleModule("null-refusing-primitives");
        add(m, int.class, 0);
        add(m, long.class, 0L);
        add(m, double.class, 0.0);
        add(m, float.class, 0.0f);
        add(m, boolean.class, false);
        return m;
    }

    private static <T> void add(SimpleModule m, Class<T> type, T absent) {
        m.addDeserializer(type, new NullRefusingPrimitive<>(type, absent));
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        return standard.deserialize(p, ctxt);
    }

    /** An explicit {@code null}: refused. Jackson adds the field's path as the exception travels up. */
    @Override
    public T getNullValue(DeserializationContext ctxt) throws InvalidNullException {
        throw InvalidNullException.from(ctxt, null, ctxt.constructType(handledType()));
    }

    /** The field is not there: the type's default. */
    @Override
    public Object getAbsentValue(DeserializationContext ctxt) {
        return absent;
    }

    @Override
    public Object getEmptyValue(DeserializationContext ctxt) {
        return absent;
    }

    @Override
    public AccessPattern getNullAccessPattern() {
        return AccessPattern.DYNAMIC;
    }

    @Override
    public LogicalType logicalType() {
        return standard.logicalType();
    }
}
