package com.promisevalidator.validation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalTime;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.promisevalidator.capacity.model.ServiceOffer;

/** A service offer known from history only replays as such; one set up by ops is recorded exactly as before. */
class ServiceOfferFactTest {

    private final FactsCodec codec = new FactsCodec(new ObjectMapper().registerModule(new JavaTimeModule()));

    @Test
    void anOfferKnownFromHistorySurvivesTheRecordAndASetUpOneIsWrittenAsBefore() {
        FactsMet m = new FactsMet();
        m.service.put(FactsMet.at("G1", "TIRES"), ServiceOffer.fromHistory("G1", "TIRES", 37));
        m.service.put(FactsMet.at("G1", "OIL"), new ServiceOffer("G1", "OIL", 2, LocalTime.of(8, 0), LocalTime.of(18, 0), 30));
        String text = codec.write(m);
        assertEquals(1, text.split("fromHistory", -1).length - 1, "only the offer known from history says so: " + text);

        FactsMet back = codec.read(text);
        ServiceOffer tires = back.service.get(FactsMet.at("G1", "TIRES"));
        assertTrue(tires.fromHistory());
        assertEquals(37, tires.standardMinutes());
        ServiceOffer oil = back.service.get(FactsMet.at("G1", "OIL"));
        assertFalse(oil.fromHistory());
        assertEquals(2, oil.bays());
        assertEquals(LocalTime.of(18, 0), oil.closes());
    }
}
