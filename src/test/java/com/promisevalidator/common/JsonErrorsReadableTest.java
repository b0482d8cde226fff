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
}
