package com.promisevalidator.rules.model;

import java.util.Map;
import java.util.TreeMap;

import com.promisevalidator.common.PromiseConfig;
import com.promisevalidator.performance.model.Blend;

/**
 * The ops parameters of a rule set (rules/parameters.yaml, typed and range-checked): an answer is a
 * function of the rule set version and these values. Keys the file leaves out take the application
 * configuration (application.properties / PROMISE_* environment), which itself has built-in defaults.
 */
public record Parameters(double targetConfidence, int deliveryHorizonDays, int serviceHorizonDays, int defaultTransitDays,
                         Stats stats, Buffers buffers) {

    /**
     * Past-performance statistics; {@code halfLifeDays} and {@code driftHalfLifeDays} are baked into the stored weights
     * (a change rebuilds them). Drift-adaptive recency, when the exports carry open orders: orders weighed by their start
     * day, and when all deliveries' short memory ({@code driftHalfLifeDays}, 0 = none, i.e. the estimate as before; a
     * value not shorter than the half-life is none too) is slower than their long memory by more than {@code driftZ}
     * standard errors, every level answers from its short memory.
     */
    public record Stats(int halfLifeDays, double priorWeight, double planningConfidence, int minEvidenceOrders, int driftHalfLifeDays,
                        double driftZ, int timeOfWeekBandHours, double timeOfWeekZ, double recalibrationWeight) {
        /** How many outcomes "no correction" counts for against recent services' outcomes (recalibration) by default. */
        public static final double DEFAULT_RECALIBRATION_WEIGHT = 100;

        public Stats(int halfLifeDays, double priorWeight, double planningConfidence, int minEvidenceOrders, int driftHalfLifeDays,
                     double driftZ, int timeOfWeekBandHours, double timeOfWeekZ) {
            this(halfLifeDays, priorWeight, planningConfidence, minEvidenceOrders, driftHalfLifeDays, driftZ, timeOfWeekBandHours, timeOfWeekZ,
                    DEFAULT_RECALIBRATION_WEIGHT);
        }

        /** Time-of-week effects on service minutes by default: bands of 3 hours, counted at 2 standard errors. */
        public static final int DEFAULT_BAND_HOURS = 3;
        public static final double DEFAULT_TIME_OF_WEEK_Z = 2.0;

        public Stats(int halfLifeDays, double priorWeight, double planningConfidence, int minEvidenceOrders) {
            this(halfLifeDays, priorWeight, planningConfidence, minEvidenceOrders, 7, Blend.DEFAULT_DRIFT_Z);
        }

        public Stats(int halfLifeDays, double priorWeight, double planningConfidence, int minEvidenceOrders, int driftHalfLifeDays,
                     double driftZ) {
            this(halfLifeDays, priorWeight, planningConfidence, minEvidenceOrders, driftHalfLifeDays, driftZ, DEFAULT_BAND_HOURS,
                    DEFAULT_TIME_OF_WEEK_Z);
        }

        public Blend blend() {
            return new Blend(priorWeight, planningConfidence, minEvidenceOrders, driftZ);
        }
    }

    /**
     * Extra margin ops add on top of what history says: days per dispatching site and per lane (added
     * up when both apply), minutes per service type. Keys: site code, "SITE->REGION", service type.
     */
    public record Buffers(Map<String, Integer> siteDays, Map<String, Integer> laneDays, Map<String, Integer> serviceMinutes) {
        public static final Buffers NONE = new Buffers(Map.of(), Map.of(), Map.of());

        public Buffers {
            siteDays = Map.copyOf(siteDays);
            laneDays = Map.copyOf(laneDays);
            serviceMinutes = Map.copyOf(serviceMinutes);
        }

        /** Extra days for an order shipped from {@code site} to {@code region}: the site's plus the lane's. */
        public int days(String site, String region) {
            return siteDays.getOrDefault(site, 0) + laneDays.getOrDefault(lane(site, region), 0);
        }

        public int minutes(String serviceType) {
            return serviceMinutes.getOrDefault(serviceType, 0);
        }

        public static String lane(String site, String region) {
            return site + "->" + region;
        }
    }

    /** The values before any application configuration: the same numbers as PromiseConfig's defaults. */
    public static final Parameters BUILT_IN = new Parameters(0.90, 120, 14, 5, new Stats(30, 30, 0.90, 1, 7, Blend.DEFAULT_DRIFT_Z), Buffers.NONE);

    /** The application configuration's values: what a rule set without parameters.yaml (or a key it leaves out) uses. */
    public static Parameters of(PromiseConfig config) {
        PromiseConfig.Stats s = config.stats();
        return new Parameters(config.targetConfidence(), config.deliveryHorizonDays(), config.serviceHorizonDays(),
                config.defaultTransitDays(), new Stats(s.halfLifeDays(), s.priorWeight(), s.planningConfidence(), s.minEvidenceOrders(),
                s.driftHalfLifeDays(), s.driftZ(), s.timeOfWeekBandHours(), s.timeOfWeekZ(), s.recalibrationWeight()), Buffers.NONE);
    }

    /** The values as ops write them (kebab-case keys), for GET /api/v1/rules. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("target-confidence", targetConfidence);
        m.put("delivery-horizon-days", deliveryHorizonDays);
        m.put("service-horizon-days", serviceHorizonDays);
        m.put("default-transit-days", defaultTransitDays);
        Map<String, Object> st = new java.util.LinkedHashMap<>();
        st.put("half-life-days", stats.halfLifeDays());
        st.put("prior-weight", stats.priorWeight());
        st.put("planning-confidence", stats.planningConfidence());
        st.put("min-evidence-orders", stats.minEvidenceOrders());
        st.put("drift-half-life-days", stats.driftHalfLifeDays());
        st.put("drift-z", stats.driftZ());
        st.put("time-of-week-band-hours", stats.timeOfWeekBandHours());
        st.put("time-of-week-z", stats.timeOfWeekZ());
        st.put("recalibration-weight", stats.recalibrationWeight());
        m.put("stats", st);
        Map<String, Object> b = new java.util.LinkedHashMap<>();
        b.put("sites", new TreeMap<>(buffers.siteDays()));
        b.put("lanes", new TreeMap<>(buffers.laneDays()));
        b.put("services", new TreeMap<>(buffers.serviceMinutes()));
        m.put("buffers", b);
        return m;
    }
}
