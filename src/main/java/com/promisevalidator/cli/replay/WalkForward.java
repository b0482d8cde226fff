package com.promisevalidator.cli.replay;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts a history into forward steps (weeks starting Monday 00:00, or days, at the offset of the
 * earliest order). At the start of each step the replay knows exactly what an export taken then would
 * hold: the rows completed since the previous step (each once), and, with open orders, every row placed
 * before it and still open then (again at each step until a later step's import completes it, as a weekly
 * export would list it). The step's orders are those placed in it.
 */
public final class WalkForward {

    public enum StepSize { WEEK, DAY }

    /** One step: what to import at {@code start} (as of {@code start}), then the orders placed before {@code end}. */
    public record Step(OffsetDateTime start, OffsetDateTime end, List<HistoryRecord> completed, List<HistoryRecord> open,
                       List<HistoryRecord> orders) {

        /** The import body rows: newly completed ones as they are, open ones without outcome. */
        public List<HistoryRecord> export() {
            List<HistoryRecord> all = new ArrayList<>(completed);
            for (HistoryRecord r : open) all.add(r.open());
            return all;
        }
    }

    private WalkForward() {
    }

    public static List<Step> slice(List<HistoryRecord> rows, StepSize size, boolean openOrders) {
        return slice(rows, size, openOrders, false);
    }

    /**
     * The same; with {@code once}, an open order is in one export only, the first after it was placed (a "changes only"
     * export names it again when it completes).
     */
    public static List<Step> slice(List<HistoryRecord> rows, StepSize size, boolean openOrders, boolean once) {
        if (rows.isEmpty()) return List.of();
        List<HistoryRecord> byOrder = new ArrayList<>(rows);
        byOrder.sort(Comparator.comparing((HistoryRecord r) -> r.orderedAt().toInstant()).thenComparing(HistoryRecord::reference));
        ZoneOffset offset = byOrder.get(0).orderedAt().getOffset();
        OffsetDateTime start = stepStart(byOrder.get(0).orderedAt().withOffsetSameInstant(offset), size);
        Instant last = byOrder.get(byOrder.size() - 1).orderedAt().toInstant();
        List<Step> steps = new ArrayList<>();
        Map<String, HistoryRecord> placed = new LinkedHashMap<>(); // placed, not yet imported as completed
        java.util.Set<String> sentOpen = new java.util.HashSet<>();
        int next = 0;
        while (!start.toInstant().isAfter(last)) {
            OffsetDateTime end = size == StepSize.WEEK ? start.plusWeeks(1) : start.plusDays(1);
            Instant at = start.toInstant();
            List<HistoryRecord> completed = new ArrayList<>();
            List<HistoryRecord> open = new ArrayList<>();
            for (Iterator<HistoryRecord> it = placed.values().iterator(); it.hasNext();) {
                HistoryRecord r = it.next();
                if (r.hasOutcome() && r.completion().isBefore(at)) {
                    completed.add(r);
                    it.remove();
                } else if (openOrders && (!once || sentOpen.add(r.reference()))) {
                    open.add(r);
                }
            }
            List<HistoryRecord> orders = new ArrayList<>();
            while (next < byOrder.size() && byOrder.get(next).orderedAt().toInstant().isBefore(end.toInstant())) {
                orders.add(byOrder.get(next++));
            }
            steps.add(new Step(start, end, completed, open, orders));
            // the step's orders are in the exports from the next step on
            for (HistoryRecord r : orders) placed.put(r.reference(), r);
            start = end;
        }
        return steps;
    }

    static OffsetDateTime stepStart(OffsetDateTime t, StepSize size) {
        LocalDate d = t.toLocalDate();
        if (size == StepSize.WEEK) d = d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return d.atStartOfDay().atOffset(t.getOffset());
    }

    /** The label of the calendar period a result counts in: the order's month (weekly steps) or day (daily steps). */
    public static String period(HistoryRecord r, StepSize size) {
        LocalDate d = r.orderDay();
        return size == StepSize.WEEK ? d.toString().substring(0, 7) : d.toString();
    }
}
