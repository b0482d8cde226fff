package com.promisevalidator.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Jackson's sentences as a caller of the API reads them: no Java names, no advice to switch parser features on. */
class JsonErrorsReadableTest {

    @Test
    void adviceToEnableAParserFeatureIsLeftOut() {
        assertEquals("Unexpected character ('+' (code 43)) in numeric value: JSON spec does not allow numbers to have plus signs",
                JsonErrors.readable("Unexpected character ('+' (code 43)) in numeric value: JSON spec does not allow numbers to have plus signs: "
                        + "enable `com.fasterxml.jackson.core.json.JsonReadFeature#ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS` to allow\n at [Source: x]"));
        assertEquals("Invalid numeric value: Leading zeroes not allowed", JsonErrors.readable("Invalid numeric value: Leading zeroes not allowed"));
    }

    @Test
    void whereAnUnclosedObjectBeganIsSaidWithoutJacksonsNotation() {
        assertEquals("Unexpected end-of-input: expected close marker for Object, opened at line 1, column 1",
                JsonErrors.readable("Unexpected end-of-input: expected close marker for Object (start marker at [Source: REDACTED "
                        + "(`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])"));
    }

    @Test
    void aSyntaxErrorSaysWhereTheParserStopped() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        try {
            json.readTree("{\"type\":\"DELIVERY\",,\"site\":\"SP\"}");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            FieldError f = JsonErrors.fieldError(e);
            assertEquals("body", f.field());
            org.junit.jupiter.api.Assertions.assertTrue(f.message().endsWith("(at line 1, column 20)"), f.message());
            org.junit.jupiter.api.Assertions.assertFalse(f.message().contains("Source"), f.message());
            return;
        }
        org.junit.jupiter.api.Assertions.fail("not refused");
    }

    @Test
    void theParsersTokenNamesAreSaidInJsonWords() {
        assertEquals("Unexpected token (a string), expected a list",
                JsonErrors.readable("Unexpected token (VALUE_STRING), expected START_ARRAY"));
    }
}
