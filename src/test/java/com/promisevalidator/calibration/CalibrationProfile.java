package com.promisevalidator.calibration;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A fresh in-memory database of its own, no demo data: the replay starts from nothing. */
public class CalibrationProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.\"h2\".jdbc.url", "jdbc:h2:mem:calibration;DB_CLOSE_DELAY=-1",
                "quarkus.datasource.\"h2\".active", "true",
                "quarkus.datasource.\"pg\".active", "false",
                "promise.demo-data", "false",
                // the learning replay commits orders of 2016-2017 as they were placed: allow commits that far back
                "promise.commit-backdate-minutes", String.valueOf(Integer.MAX_VALUE));
    }
}
