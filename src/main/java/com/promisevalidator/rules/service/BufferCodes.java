package com.promisevalidator.rules.service;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;

import com.promisevalidator.rules.model.Parameters;
import com.promisevalidator.rules.model.RuleProblem;

/**
 * Buffers in parameters.yaml naming a site, lane or service type no site has (a typo, "sp" for "SP"): they apply to
 * nothing, silently. Warnings, not errors: ops may set a buffer before its site exists.
 */
public final class BufferCodes {

    private BufferCodes() {
    }

    /** What the master data knows, asked one code at a time. */
    public record Known(Predicate<String> site, Predicate<String> region, Predicate<String> serviceType) {
    }

    public static List<RuleProblem> warnings(Parameters parameters, Known known) {
        List<RuleProblem> out = new ArrayList<>();
        Parameters.Buffers b = parameters.buffers();
        for (String site : new TreeMap<>(b.siteDays()).keySet()) {
            if (!known.site().test(site)) out.add(warning("buffers.sites." + site, "no site has the code '" + site + "'"));
        }
        for (String lane : new TreeMap<>(b.laneDays()).keySet()) {
            int arrow = lane.indexOf("->");
            String site = lane.substring(0, arrow), region = lane.substring(arrow + 2);
            if (!known.site().test(site)) out.add(warning("buffers.lanes." + lane, "no site has the code '" + site + "'"));
            else if (!known.region().test(region)) out.add(warning("buffers.lanes." + lane, "no region has the code '" + region + "'"));
        }
        for (String type : new TreeMap<>(b.serviceMinutes()).keySet()) {
            if (!known.serviceType().test(type)) out.add(warning("buffers.services." + type, "no site offers the service type '" + type + "'"));
        }
        return out;
    }

    private static RuleProblem warning(String key, String why) {
        return new RuleProblem(ParametersFile.NAME, null, null, key + ": " + why + " (codes are case-sensitive): this buffer "
                + "applies to nothing until it does", key);
    }
}
