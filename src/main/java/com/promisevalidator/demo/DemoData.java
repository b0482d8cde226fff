package com.promisevalidator.demo;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.promisevalidator.capacity.model.Inbound;
import com.promisevalidator.capacity.model.ServiceOffer;
import com.promisevalidator.capacity.model.Site;
import com.promisevalidator.capacity.service.CapacityService;
import com.promisevalidator.history.model.HistoryRow;
import com.promisevalidator.history.service.HistoryService;

/**
 * The demo data set, loaded into an empty database: three warehouses in three time zones, a garage
 * whose "ten-minute" oil change really takes 25-60 minutes, and a year of generated history so the
 * statistics mean something. Dates are relative to today so the README examples always work.
 * Generated with a fixed seed: the same day gives the same data.
 */
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);
    static final ZoneId BRT = ZoneId.of("America/Sao_Paulo");

    private final CapacityService capacity;
    private final HistoryService history;
    private final Clock clock;

    public DemoData(CapacityService capacity, HistoryService history, Clock clock) {
        this.capacity = capacity;
        this.history = history;
        this.clock = clock;
    }

    /** Lane, planning days, and the real spread of lead days: minimum, typical extra, long tail. */
    private record LaneSpec(String site, String region, int planning, int min, int typicalExtra, int tail, int perWeek) {
    }

    public void load() {
        LocalDate today = LocalDate.now(clock);
        Set<DayOfWeek> weekdays = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        Set<LocalDate> holidays = Set.of(LocalDate.of(today.getYear(), 12, 25), LocalDate.of(today.getYear() + 1, 1, 1));
        capacity.putSite(new Site("SP", "São Paulo DC", BRT, LocalTime.of(14, 0), weekdays, holidays, 400, true));
        capacity.putSite(new Site("MAO", "Manaus DC", ZoneId.of("America/Manaus"), LocalTime.of(12, 0), weekdays, holidays, 80, true));
        capacity.putSite(new Site("LIS", "Lisbon DC", ZoneId.of("Europe/Lisbon"), LocalTime.of(16, 0), weekdays,
                Set.of(LocalDate.of(today.getYear(), 12, 25)), 150, true));
        capacity.putSite(new Site("GARAGE-1", "Quick Lube Pinheiros", BRT, null,
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY), holidays, null, true));

        List<LaneSpec> lanes = List.of(
                new LaneSpec("SP", "SP", 1, 1, 1, 4, 60),
                new LaneSpec("SP", "RJ", 2, 2, 3, 6, 40),
                new LaneSpec("SP", "MG", 3, 2, 3, 7, 25),
                new LaneSpec("SP", "AM", 8, 7, 6, 12, 6),
                new LaneSpec("MAO", "AM", 1, 1, 1, 3, 12),
                new LaneSpec("MAO", "RJ", 6, 6, 4, 8, 3),
                new LaneSpec("LIS", "PT", 1, 1, 1, 2, 15));
        for (LaneSpec l : lanes) capacity.putLane(l.site(), l.region(), l.planning());

        capacity.putStock("SP", "SKU-1", 40, List.of(new Inbound(100, today.plusDays(6))));
        capacity.putStock("SP", "SKU-2", 500, List.of());
        capacity.putStock("SP", "SKU-3", 0, List.of(new Inbound(50, today.plusDays(10))));
        capacity.putStock("MAO", "SKU-1", 200, List.of());
        capacity.putStock("MAO", "SKU-2", 60, List.of());
        capacity.putStock("LIS", "SKU-2", 120, List.of(new Inbound(200, today.plusDays(14))));
        capacity.putService(new ServiceOffer("GARAGE-1", "OIL_CHANGE", 3, LocalTime.of(8, 0), LocalTime.of(18, 0), 10));
        capacity.putService(new ServiceOffer("GARAGE-1", "TIRE_ROTATION", 2, LocalTime.of(8, 0), LocalTime.of(18, 0), 30));

        Random rnd = new Random(20261123L);
        List<HistoryRow> rows = new ArrayList<>();
        String[] reps = {"alice", "bob", "carol", "dave"};
        int seq = 0;
        ZonedDateTime now = ZonedDateTime.now(clock);
        for (LaneSpec l : lanes) {
            ZoneId zone = capacity.site(l.site()).timeZone();
            for (int week = 52; week >= 1; week--) {
                for (int i = 0; i < l.perWeek(); i++) {
                    ZonedDateTime ordered = now.minusWeeks(week).withZoneSameInstant(zone).plusDays(rnd.nextInt(7))
                            .with(LocalTime.of(8 + rnd.nextInt(10), rnd.nextInt(60)));
                    int extra = (int) Math.round(Math.abs(rnd.nextGaussian()) * l.typicalExtra());
                    if (rnd.nextDouble() < 0.06) extra += 1 + rnd.nextInt(l.tail());
                    ZonedDateTime done = ordered.plusDays(l.min() + extra).with(LocalTime.of(9 + rnd.nextInt(9), rnd.nextInt(60)));
                    if (!done.isBefore(now)) continue;
                    LocalDate promised = ordered.toLocalDate().plusDays(l.planning() + 1);
                    rows.add(new HistoryRow(HistoryRow.Kind.DELIVERY, "DEMO-D-" + (++seq), l.site(), l.region(), null,
                            reps[rnd.nextInt(reps.length)], ordered.toOffsetDateTime(), promised, done.toOffsetDateTime(),
                            null, null, 1 + rnd.nextInt(5)));
                }
            }
        }
        // The "ten-minute" oil change: 25-60 minutes in practice, mostly around 35.
        for (int day = 180; day >= 1; day--) {
            for (int i = 0; i < 4; i++) {
                OffsetDateTime start = now.minusDays(day).withZoneSameInstant(BRT).with(LocalTime.of(8 + rnd.nextInt(9), 15 * rnd.nextInt(4)))
                        .toOffsetDateTime();
                int minutes = Math.min(60, Math.max(25, (int) Math.round(35 + rnd.nextGaussian() * 8 + (rnd.nextDouble() < 0.1 ? 12 : 0))));
                rows.add(new HistoryRow(HistoryRow.Kind.SERVICE, "DEMO-S-" + (++seq), "GARAGE-1", null, "OIL_CHANGE",
                        reps[rnd.nextInt(reps.length)], start, null, null, 10.0, (double) minutes, null));
            }
            OffsetDateTime start = now.minusDays(day).withZoneSameInstant(BRT).with(LocalTime.of(9 + rnd.nextInt(8), 0)).toOffsetDateTime();
            rows.add(new HistoryRow(HistoryRow.Kind.SERVICE, "DEMO-S-" + (++seq), "GARAGE-1", null, "TIRE_ROTATION",
                    reps[rnd.nextInt(reps.length)], start, null, null, 30.0, (double) (25 + rnd.nextInt(15)), null));
        }
        var result = history.importRows(rows);
        LOG.infof("demo data loaded: 4 sites, %d lanes, %d history rows", lanes.size(), result.imported());
    }
}
