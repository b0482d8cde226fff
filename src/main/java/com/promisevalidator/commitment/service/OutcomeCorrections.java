package com.promisevalidator.commitment.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import com.promisevalidator.capacity.service.CapacityService;
import com.promisevalidator.commitment.model.PromiseStatus;
import com.promisevalidator.commitment.model.PromiseStatusChanged;
import com.promisevalidator.common.Minutes;
import com.promisevalidator.history.model.HistoryRow;
import com.promisevalidator.history.service.HistoryCorrections;

/**
 * A promise's outcome follows a correction of its history row. The outcome of a promise is stored as a history row whose
 * reference is the promise's id; when ops correct that row (an import with {@code ?replace=true}, or the row imported
 * again after it was deleted) with another completion, the promise takes it and is judged again, KEPT or BROKEN, and a
 * change of status is announced like any other (webhooks included). A correcting row without an outcome, or of the other
 * kind, leaves the promise as it was; deleting the row takes it out of the statistics only.
 */
@Singleton
public class OutcomeCorrections implements HistoryCorrections {

    private final CapacityService capacity;
    private final PromiseStatusChanges statusChanges;

    public OutcomeCorrections(CapacityService capacity, PromiseStatusChanges statusChanges) {
        this.capacity = capacity;
        this.statusChanges = statusChanges;
    }

    @Override
    public Runnable stored(Connection c, List<HistoryRow> rows, Instant now) throws SQLException {
        List<HistoryRow> withOutcome = rows.stream().filter(HistoryRow::hasOutcome).toList();
        if (withOutcome.isEmpty()) return null;
        Set<String> promised = PromiseRepository.withOutcome(c, withOutcome.stream().map(HistoryRow::reference).distinct().toList());
        if (promised.isEmpty()) return null;
        Map<String, HistoryRow> byReference = withOutcome.stream().filter(r -> promised.contains(r.reference()))
                .collect(Collectors.toMap(HistoryRow::reference, Function.identity(), (a, b) -> b));
        List<PromiseStatusChanged> made = new ArrayList<>();
        for (HistoryRow h : byReference.values()) {
            PromiseRow p = PromiseRepository.find(c, h.reference(), true);
            if (p == null || !(p.status() == PromiseStatus.KEPT || p.status() == PromiseStatus.BROKEN)) continue;
            if (p.isDelivery() != (h.kind() == HistoryRow.Kind.DELIVERY)) continue; // another order under the same name
            Instant completedAt = p.isDelivery() ? h.completedAt().toInstant() : null;
            Double actualMinutes = p.isDelivery() ? null : Minutes.normalise(h.actualMinutes());
            if (Objects.equals(completedAt, p.completedAt()) && Objects.equals(actualMinutes, p.actualMinutes())) continue;
            PromiseStatus result = Outcomes.judged(p, h, capacity.site(c, p.site()).timeZone());
            PromiseRepository.recordOutcome(c, p.id(), result, completedAt, actualMinutes, now);
            statusChanges.record(c, made, p.id(), p.status(), result, now);
        }
        return made.isEmpty() ? null : () -> statusChanges.announce(made);
    }
}
