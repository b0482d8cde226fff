package com.promisevalidator.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Probe P11: "a 83-minute job" in a 409's detail; the article follows how the number is read aloud. */
class MinutesArticleTest {

    @Test
    void theArticleFollowsTheNumbersFirstSound() {
        assertEquals("a 30-minute job", Minutes.aJobOf(30));
        assertEquals("an 8-minute job", Minutes.aJobOf(8));
        assertEquals("an 83-minute job", Minutes.aJobOf(83));
        assertEquals("an 11-minute job", Minutes.aJobOf(11));
        assertEquals("an 18-minute job", Minutes.aJobOf(18));
        assertEquals("a 110-minute job", Minutes.aJobOf(110));
        assertEquals("a 180-minute job", Minutes.aJobOf(180));
        assertEquals("an 800-minute job", Minutes.aJobOf(800));
        assertEquals("a 1-minute job", Minutes.aJobOf(1));
    }
}
