package com.promisevalidator.common;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * Service minutes may have decimals (41.9). They are kept to the hundredth of a minute (the
 * database column is numeric(10,2)); a whole value is written as a JSON integer (30, not 30.0), so
 * clients that read whole minutes keep working.
 */
public final class Minutes {
    /** Decimal places kept; finer input is rounded half-up to this. */
    public static final int SCALE = 2;

    private Minutes() {
    }

    /** Rounds to the kept precision; null stays null. */
    public static Double normalise(Double minutes) {
        if (minutes == null || minutes.isNaN() || minutes.isInfinite()) return minutes;
        return BigDecimal.valueOf(minutes).setScale(SCALE, RoundingMode.HALF_UP).doubleValue();
    }

    /** Whether a promise of this many minutes is one: more than 0 once kept to the hundredth (0.005 is 0.01, 0.004 is 0), and at most {@code max}. */
    public static boolean promisable(double minutes, double max) {
        Double kept = normalise(minutes);
        return kept != null && kept > 0 && kept <= max;
    }

    /** The refusal of minutes that are not {@link #promisable}. */
    public static String notPromisable(double max) {
        return "must be more than 0 (kept to 0.01, so 0.005 or more) and at most " + (long) max;
    }

    /** Kept means finished within the promise; exact at the boundary (30.0 within 30, 30.01 not). */
    public static boolean within(double actual, double promised) {
        return decimal(actual).compareTo(decimal(promised)) <= 0;
    }

    /** The value as a decimal without trailing zeros (12.5, 30): what messages and JSON show. */
    public static BigDecimal decimal(double minutes) {
        BigDecimal d = BigDecimal.valueOf(minutes).setScale(SCALE, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    public static BigDecimal decimal(Double minutes) {
        return minutes == null ? null : decimal(minutes.doubleValue());
    }

    /** Whole minutes a bay is held for: decimals round up (a 12.5-minute job holds 13 bay minutes). */
    public static int ceil(double minutes) {
        return (int) Math.ceil(decimal(minutes).doubleValue());
    }

    /** Binds minutes to a numeric column (exact decimal), or null. */
    public static void set(java.sql.PreparedStatement ps, int i, Double minutes) throws java.sql.SQLException {
        if (minutes == null) ps.setNull(i, java.sql.Types.NUMERIC);
        else ps.setBigDecimal(i, decimal(minutes.doubleValue()));
    }

    /** Reads minutes from a numeric column, or null. */
    public static Double get(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        BigDecimal d = rs.getBigDecimal(i);
        return d == null ? null : d.doubleValue();
    }

    public static Double get(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        BigDecimal d = rs.getBigDecimal(column);
        return d == null ? null : d.doubleValue();
    }

    /** Writes 30.0 as 30 and 41.90 as 41.9. */
    public static final class Json extends StdSerializer<Double> {
        public Json() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value.isNaN() || value.isInfinite()) gen.writeNumber(value);
            else gen.writeNumber(decimal(value.doubleValue()));
        }
    }
}
