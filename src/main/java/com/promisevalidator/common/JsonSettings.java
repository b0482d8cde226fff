package com.promisevalidator.common;

import java.time.LocalDate;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Strict reading: 1.5 units is an error, not 1 unit; a field the API does not know is an error, not
 * silently ignored (a misspelt "promisedby" would otherwise get an unchecked approval); and the
 * parser refuses absurd documents (deep nesting, huge strings or numbers) before any work is done.
 * Timestamps are written in one format ({@link Timestamps}). Properties are read and written through
 * generated accessors (Blackbird), not reflection.
 */
@Singleton
public class JsonSettings implements ObjectMapperCustomizer {
    /** Last, after Quarkus' own customizers: their JavaTimeModule would otherwise win over our timestamp writers. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        // a number or boolean where text is expected ("site":5) is a wrong type, not a code "5"
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        // "" is "nothing" for a date, a time, a number, a yes/no or a list, as null is: a form may send every field blank
        for (LogicalType t : new LogicalType[] {LogicalType.Float, LogicalType.Integer, LogicalType.Boolean, LogicalType.Collection}) {
            mapper.coercionConfigFor(t).setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull);
        }
        // (java.time's readers take "as empty", which is null for them, also where a date is read strictly)
        mapper.coercionConfigFor(LogicalType.DateTime).setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsEmpty);
        // a date is a date: "2026-12-20T10:00:00Z" in promisedBy is refused, not cut to its day
        mapper.configOverride(LocalDate.class).setFormat(JsonFormat.Value.forLeniency(false));
        // a field given twice is refused, not "the last one wins"
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.registerModule(Timestamps.module());
        mapper.registerModule(textIsNoNumber());
        mapper.registerModule(new BlackbirdModule());
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(Limits.JSON_MAX_DEPTH)
                .maxStringLength(Limits.JSON_MAX_STRING)
                .maxNumberLength(Limits.JSON_MAX_NUMBER_DIGITS)
                .build());
    }

    /**
     * Jackson reads the texts "NaN" and "Infinity" as numbers even with coercion of scalars off, so {"actualMinutes":"NaN"}
     * got two contradictory range errors: a number given as text is refused as any other text is ("" stays "nothing").
     */
    private static com.fasterxml.jackson.databind.Module textIsNoNumber() {
        class TextIsNoNumber extends com.fasterxml.jackson.databind.deser.std.NumberDeserializers.DoubleDeserializer {
            TextIsNoNumber(Class<Double> type, Double empty) {
                super(type, empty);
            }

            @Override
            public Double deserialize(JsonParser p, com.fasterxml.jackson.databind.DeserializationContext ctxt) throws java.io.IOException {
                if (p.hasToken(com.fasterxml.jackson.core.JsonToken.VALUE_STRING) && !p.getText().isBlank()) {
                    return (Double) ctxt.handleUnexpectedToken(Double.class, p);
                }
                return super.deserialize(p, ctxt);
            }
        }
        return new com.fasterxml.jackson.databind.module.SimpleModule("text-is-no-number")
                .addDeserializer(Double.class, new TextIsNoNumber(Double.class, null))
                .addDeserializer(double.class, new TextIsNoNumber(Double.TYPE, 0.0));
    }
}
