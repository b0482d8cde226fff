package com.promisevalidator.capacity.rest;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shapes of the site, stock, lane and service answers, for the OpenAPI document only: SiteResource builds them as
 * maps (see its view methods), these records say what those maps hold.
 */
final class SiteViews {

    private SiteViews() {
    }

    @Schema(name = "SiteView", description = "A site: calendar, capacity and the service types known there",
            requiredProperties = {"code", "timeZone", "workingDays", "holidays", "dailyCapacity", "configured", "services"})
    record SiteView(String code, String name,
                    @Schema(description = "IANA time zone, e.g. America/Sao_Paulo") String timeZone,
                    @Schema(description = "Order cut-off (HH:mm, local); null: none", nullable = true) String cutoff,
                    @Schema(description = "MON … SUN") List<String> workingDays,
                    List<LocalDate> holidays,
                    DailyCapacity dailyCapacity,
                    @Schema(description = "false for a site known only from imported history (never capacity-limited)") boolean configured,
                    @Schema(description = "Every service type known at the site, by type") List<ServiceEntry> services) {
    }

    @Schema(name = "DailyCapacity", description = "Orders the site dispatches a day; empty: no limit")
    record DailyCapacity(@Schema(nullable = true) Integer orders) {
    }

    @Schema(name = "ServiceEntry", description = "A service type at a site: set up (bays, opening hours, standard minutes, fromHistory false) "
            + "or known only from the site's history (fromHistory true, sampleSize jobs, their median as standardMinutes)",
            requiredProperties = {"serviceType", "standardMinutes", "fromHistory"})
    record ServiceEntry(String serviceType, Integer bays,
                        @Schema(description = "HH:mm-HH:mm, local") String openingHours,
                        @Schema(description = "Decimals allowed (12.5)") Double standardMinutes, boolean fromHistory,
                        @Schema(description = "Jobs in the history (fromHistory true)") Integer sampleSize) {
    }

    @Schema(name = "SiteServiceView", description = "One service type at a site, as the site lists it, with the site",
            requiredProperties = {"site", "serviceType", "standardMinutes", "fromHistory"})
    record SiteServiceView(String site, String serviceType, Integer bays,
                           @Schema(description = "HH:mm-HH:mm, local") String openingHours,
                           @Schema(description = "Decimals allowed (12.5)") Double standardMinutes, boolean fromHistory,
                           @Schema(description = "Jobs in the history (fromHistory true)") Integer sampleSize) {
    }

    @Schema(name = "StockView", description = "Stock of one SKU at a site", requiredProperties = {"site", "sku", "onHand", "reserved", "available", "short", "inbound"})
    record StockView(String site, String sku, int onHand,
                     @Schema(description = "Units held by open promises") int reserved,
                     @Schema(description = "onHand - reserved (negative when more is promised than on hand)") int available,
                     @com.fasterxml.jackson.annotation.JsonProperty("short") @Schema(description = "Promised units not on hand now") int shortUnits,
                     List<InboundView> inbound) {
    }

    @Schema(name = "InboundView", requiredProperties = {"quantity", "arrives"})
    record InboundView(int quantity, @Schema(description = "The day it can leave with an order") LocalDate arrives) {
    }

    @Schema(name = "LaneView", requiredProperties = {"site", "region", "transitDays"})
    record LaneView(String site, String region, @Schema(description = "Planning transit days (history wins when there is enough of it)") int transitDays) {
    }
}
