package com.promisevalidator.common;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * One timestamp format in every answer: ISO-8601 with its offset, to the second
 * ({@code 2026-12-03T09:15:04Z}, {@code 2026-12-03T06:15:04-03:00}). Nanoseconds said nothing a caller
 * could use and made equal times compare unequal as text. An Instant is written in UTC.
 */
public final class Timestamps {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private Timestamps() {
    }

    public static String format(OffsetDateTime t) {
        return FORMAT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    /** An instant in UTC, to the second ({@code 2026-12-03T12:15:04Z}), for answers built as maps of text. */
    public static String format(Instant t) {
        return format(t.atOffset(ZoneOffset.UTC));
    }

    public static SimpleModule module() {
        SimpleModule m = new SimpleModule("promise-timestamps");
        m.addSerializer(OffsetDateTime.class, new Writer<>(OffsetDateTime.class, t -> t));
        m.addSerializer(ZonedDateTime.class, new Writer<>(ZonedDateTime.class, ZonedDateTime::toOffsetDateTime));
        m.addSerializer(Instant.class, new Writer<>(Instant.class, i -> i.atOffset(ZoneOffset.UTC)));
        return m;
    }

    private static final class Writer<T> extends StdSerializer<T> {
        private final java.util.function.Function<T, OffsetDateTime> toOffset;

        Writer(Class<T> type, java.util.function.Function<T, OffsetDateTime> toOffset) {
            super(type);
            this.toOffset = toOffset;
        }

        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(format(toOffset.apply(value)));
        }
    }
}
