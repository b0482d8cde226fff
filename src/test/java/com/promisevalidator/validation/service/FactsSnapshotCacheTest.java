package com.promisevalidator.validation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.promisevalidator.capacity.model.Lane;
import com.promisevalidator.capacity.model.StockLevel;
import com.promisevalidator.performance.model.Mastery;

/** The snapshot of the facts met is made once per set of fact objects, and changes when a fact does. */
class FactsSnapshotCacheTest {

    private final FactsCodec codec = new FactsCodec(new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));

    private static FactsMet met(Lane lane, StockLevel stock, Mastery rep, List<String> sites) {
        FactsMet m = new FactsMet();
        m.lane.put(FactsMet.lane("SP", "RJ"), lane);
        m.stock.put(FactsMet.at("SP", "SKU-1"), stock);
        m.stock.put(FactsMet.at("SP", "SKU-2"), null); // asked, absent
        m.reps.put("alice", rep);
        m.sites = sites;
        return m;
    }

    @Test
    void theSameFactObjectsGiveTheRememberedSnapshot() {
        Lane lane = new Lane("SP", "RJ", 3);
        StockLevel stock = new StockLevel("SP", "SKU-1", 40, 0, List.of());
        FactsCodec.Snapshot first = codec.snapshot(met(lane, stock, Mastery.of(10, 9, 0.5), List.of("SP", "MAO")));
        // a fresh Mastery and a fresh list of the same codes are the same content
        FactsCodec.Snapshot again = codec.snapshot(met(lane, stock, Mastery.of(10, 9, 0.5), List.of("SP", "MAO")));
        assertSame(first, again);
        assertEquals(FactsCodec.hash(codec.write(met(lane, stock, Mastery.of(10, 9, 0.5), List.of("SP", "MAO")))), again.hash());
    }

    @Test
    void aChangedFactGivesANewSnapshot() {
        Lane lane = new Lane("SP", "RJ", 3);
        StockLevel stock = new StockLevel("SP", "SKU-1", 40, 0, List.of());
        FactsCodec.Snapshot before = codec.snapshot(met(lane, stock, Mastery.of(10, 9, 0.5), List.of("SP")));
        FactsCodec.Snapshot reserved = codec.snapshot(met(lane, new StockLevel("SP", "SKU-1", 40, 5, List.of()), Mastery.of(10, 9, 0.5),
                List.of("SP")));
        FactsCodec.Snapshot repMoved = codec.snapshot(met(lane, stock, Mastery.of(11, 9, 0.5), List.of("SP")));
        FactsCodec.Snapshot moreSites = codec.snapshot(met(lane, stock, Mastery.of(10, 9, 0.5), List.of("SP", "LIS")));
        assertNotEquals(before.hash(), reserved.hash());
        assertNotEquals(before.hash(), repMoved.hash());
        assertNotEquals(before.hash(), moreSites.hash());
        // an equal object that is not the same one is written again, and gives the same content hash
        FactsCodec.Snapshot equalLane = codec.snapshot(met(new Lane("SP", "RJ", 3), stock, Mastery.of(10, 9, 0.5), List.of("SP")));
        assertEquals(before.hash(), equalLane.hash());
    }
}
