package com.promisevalidator.rules.drl;

import static com.promisevalidator.rules.drl.RuleHarness.assertNoReason;
import static com.promisevalidator.rules.drl.RuleHarness.assertReason;
import static com.promisevalidator.rules.drl.RuleHarness.delivery;
import static com.promisevalidator.rules.drl.RuleHarness.fire;
import static com.promisevalidator.rules.drl.RuleHarness.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.promisevalidator.performance.model.Mastery;
import com.promisevalidator.validation.facts.DeliveryPlan;
import com.promisevalidator.validation.facts.Reason;
import com.promisevalidator.validation.facts.ReasonCode;
import com.promisevalidator.validation.facts.ServicePlan;
import com.promisevalidator.validation.facts.TrackRecord;

/** rules/rep-record.drl */
class RepRecordRulesTest {

    static final String RULE = "Rep track record";

    @Test
    @DisplayName("Rep track record (delivery): the asked plan carries the rep's kept rate, count and score")
    void deliveryCarriesTheRecord() {
        DeliveryPlan p = delivery().build();
        // 90 of 100 kept, broken ones 7+ days late: lower bound ~0.86, penalty 0.1 -> score 1 + 9 * 0.76
        Mastery m = Mastery.of(100, 90, 10.0);
        fire(p, new TrackRecord("alice", m));
        Reason r = assertReason(p.getNotes(), RULE, Reason.Severity.INFO, "alice's promises were kept 90% of the time",
                "100 promises", "delivery mastery " + m.score() + "/10");
        assertEquals(100L, r.evidence().get("promises"));
        assertEquals(90L, r.evidence().get("kept"));
    }

    @Test
    @DisplayName("Rep track record (service): the same record and code, in words that do not speak of delivery")
    void serviceCarriesTheRecordWithoutDeliveryWords() {
        ServicePlan p = service().build();
        Mastery m = Mastery.of(20, 19, 1.0);
        fire(p, new TrackRecord("lia", m));
        Reason r = assertReason(p.getNotes(), RULE, Reason.Severity.INFO, "lia's promises were kept 95% of the time", "20 promises",
                "mastery score " + m.score() + "/10");
        assertEquals(ReasonCode.REP_RECORD, r.code());
        assertFalse(r.message().toLowerCase(java.util.Locale.ROOT).contains("deliver"), r.message());
        assertEquals(m.score(), r.evidence().get("masteryScore"));
    }

    @Test
    @DisplayName("Rep track record (service): a rep with no finished promises is told so, not scored")
    void serviceWithNoRecord() {
        ServicePlan p = service().build();
        fire(p, new TrackRecord("bob", Mastery.of(0, 0, 0)));
        Reason r = assertReason(p.getNotes(), RULE, Reason.Severity.INFO, "bob has no kept or broken promises on record yet");
        // probe P13 M5: no kept rate and no score without promises (were keptRate 0.0, masteryScore 1.0: the worst possible)
        assertEquals(java.util.Map.of("rep", "bob", "promises", 0L, "kept", 0L), r.evidence());
    }

    @Test
    @DisplayName("Rep track record: nothing is said about a plan the rep did not ask for, or without a rep")
    void onlyTheAskedPlan() {
        DeliveryPlan other = delivery().asked(false).build();
        fire(other, new TrackRecord("alice", Mastery.of(10, 9, 0)));
        assertNoReason(other.getNotes(), RULE);
        DeliveryPlan noRep = fire(delivery().build());
        assertNoReason(noRep.getNotes(), RULE);
    }

    @Test
    @DisplayName("Rep track record: a quote naming no site carries it on every candidate's plan (the answer is one of them)")
    void everyCandidateOfAQuoteNamingNoSite() {
        DeliveryPlan candidate = delivery().anySite().build();
        fire(candidate, new TrackRecord("alice", Mastery.of(10, 9, 0)));
        assertReason(candidate.getNotes(), RULE, Reason.Severity.INFO, "alice's promises were kept 90% of the time");
    }
}
