package com.promisevalidator.validation.facts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Works out a split delivery: what is free now ships first, the rest when inbound covers it. */
public final class Split {
    private Split() {
    }

    /** The two shipments, or null when splitting would not bring anything forward. */
    public static List<Alternative.Part> parts(DeliveryPlan p) {
        List<Alternative.Line> now = new ArrayList<>();
        List<Alternative.Line> later = new ArrayList<>();
        for (LineStock l : p.getLines()) {
            int first = Math.min(l.getAvailableNow(), l.getQuantity());
            if (first > 0) now.add(new Alternative.Line(l.getSku(), first));
            if (first < l.getQuantity()) later.add(new Alternative.Line(l.getSku(), l.getQuantity() - first));
        }
        if (now.isEmpty() || later.isEmpty()) return null;
        LocalDate day = p.getCalendar().releaseDay(p.getOrderedAt());
        if (p.getCapacity().leftOn(day) <= 0 || !p.getCalendar().isWorkingDay(day)) {
            day = p.getCapacity().nextDayWithRoom(day, p.getCalendar(), p.getHorizonEnd());
        }
        if (day == null) return null;
        LocalDate firstBy = com.promisevalidator.performance.model.ArrivalDays.backToArrival(p.getLeadTime().noArrivalDays(),
                day.plusDays(p.getLeadTime().quantile(p.getTarget())), day);
        if (!firstBy.isBefore(p.getEarliest())) return null;
        return List.of(new Alternative.Part(now, firstBy), new Alternative.Part(later, p.getEarliest()));
    }
}
