package com.promisevalidator.validation.service;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

import com.promisevalidator.capacity.model.BayBooking;
import com.promisevalidator.capacity.model.Lane;
import com.promisevalidator.capacity.model.ServiceOffer;
import com.promisevalidator.capacity.model.Site;
import com.promisevalidator.capacity.model.StockLevel;
import com.promisevalidator.performance.model.Distribution;
import com.promisevalidator.performance.model.Mastery;

/**
 * The facts one evaluation read, by what was asked ({@code SP>RJ} for a lane, {@code SP/SKU-1} for stock,
 * {@code SP/INSTALL} for a service type); a key present with a null value was asked and found absent.
 * Enough to replay the evaluation ({@link RecordedFacts}). Filled by one evaluation's thread; read after.
 */
public final class FactsMet {
    /** Codes of sites() when it was read, else null. */
    List<String> sites;
    /** Codes of sitesShipping() when it was read, else null. */
    List<String> shipping;
    final Map<String, Site> site = new HashMap<>();
    final Map<String, Lane> lane = new HashMap<>();
    final Map<String, List<Lane>> lanesTo = new HashMap<>();
    final Map<String, StockLevel> stock = new HashMap<>();
    final Map<String, NavigableMap<LocalDate, Integer>> ordersTaken = new HashMap<>();
    final Map<String, ServiceOffer> service = new HashMap<>();
    final Map<String, List<BayBooking>> bookings = new HashMap<>();
    final Map<String, Distribution> leadTime = new HashMap<>();
    final Map<String, Distribution> serviceMinutes = new HashMap<>();
    final Map<String, List<String>> history = new HashMap<>();
    final Map<String, Mastery> reps = new HashMap<>();
    /** regionLike(region) by region, where one was found (absent: none). */
    final Map<String, String> regionLike = new HashMap<>();

    static String lane(String site, String region) {
        return site + ">" + region;
    }

    static String at(String site, String what) {
        return site + "/" + what;
    }

    public boolean isEmpty() {
        return sites == null && shipping == null && site.isEmpty() && reps.isEmpty() && history.isEmpty() && lanesTo.isEmpty() && regionLike.isEmpty();
    }
}
