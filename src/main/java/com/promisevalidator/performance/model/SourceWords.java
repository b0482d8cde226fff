package com.promisevalidator.performance.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an estimate rests on, in the words its evidence carries ({@code source}: "deliveries from SP", "the standard 30
 * minutes"). Written here and read back here ({@link #parse}), so the wording of another language can say the same
 * thing from the kind and its values ({@code source.<kind>} templates) while the evidence stays as it always was.
 */
public final class SourceWords {

    private SourceWords() {
    }

    public static String allDeliveries() {
        return "all deliveries";
    }

    public static String deliveriesFrom(String site) {
        return "deliveries from " + site;
    }

    public static String deliveriesTo(String region) {
        return "deliveries to " + region;
    }

    public static String lane(String site, String region) {
        return site + "→" + region + " deliveries";
    }

    /**
     * A lane's own deliveries weighed together with the planning value ops set for it ({@code days}): the estimate of a lane
     * with history and a planning value, which is neither the deliveries alone nor the value alone.
     */
    public static String lanePlanned(String site, String region, int days) {
        return site + "→" + region + " deliveries together with the lane's planning value of " + days + (days == 1 ? " day" : " days");
    }

    /**
     * A thin lane's deliveries weighed together with a parent's ({@code parentWords}: {@link #deliveriesFrom}, {@link
     * #deliveriesTo} or {@link #allDeliveries}) that counts for more than they do: the figure is theirs together, not the
     * lane's own ("its 10 orders took up to 10 days" when each took 3 would be false). Null for any other parent.
     */
    public static String laneLeaning(String site, String region, String parentWords) {
        Parsed p = parse(parentWords);
        if (p == null || !List.of("from", "to", "all").contains(p.kind())) return null;
        return lane(site, region) + " together with " + parentWords;
    }

    public static String lanePlanning(String site, String region) {
        return "the " + site + "→" + region + " planning value";
    }

    public static String defaultTransit() {
        return "the default transit time";
    }

    public static String serviceEverywhere(String type) {
        return type + " at all sites";
    }

    public static String serviceAt(String type, String site) {
        return type + " at " + site;
    }

    /**
     * A thin service's jobs weighed together with a parent that counts for more ({@code parentWords}: {@link #serviceEverywhere}
     * of the same type, or {@link #standardMinutes}): "its 1 job took up to 42 minutes" when it took 1 would be false. Null for
     * any other parent.
     */
    public static String serviceLeaning(String type, String site, String parentWords) {
        Parsed p = parse(parentWords);
        if (p == null) return null;
        if ("serviceEverywhere".equals(p.kind()) && type.equals(p.values().get("serviceType"))) return serviceAt(type, site) + " together with " + parentWords;
        if ("standard".equals(p.kind())) return serviceAt(type, site) + " together with " + parentWords;
        return null;
    }

    public static String standardMinutes(double minutes) {
        return "the standard " + com.promisevalidator.common.Minutes.decimal(minutes).toPlainString() + " minutes";
    }

    /** The kind of a source and its values, e.g. {@code from {site=SP}}. */
    public record Parsed(String kind, Map<String, String> values) {
    }

    private record Form(String kind, Pattern pattern, List<String> names) {
    }

    /** The forms above, most specific first ("the SP→RJ planning value" before "SP→RJ deliveries", "at all sites" before "at"). */
    private static final List<Form> FORMS = List.of(
            new Form("all", Pattern.compile("all deliveries"), List.of()),
            new Form("planningLane", Pattern.compile("the (\\S+)→(\\S+) planning value"), List.of("site", "region")),
            new Form("planningDefault", Pattern.compile("the default transit time"), List.of()),
            new Form("standard", Pattern.compile("the standard (\\d+(?:\\.\\d+)?) minutes"), List.of("minutes")),
            new Form("from", Pattern.compile("deliveries from (\\S+)"), List.of("site")),
            new Form("to", Pattern.compile("deliveries to (\\S+)"), List.of("region")),
            new Form("lanePlanned", Pattern.compile("(\\S+)→(\\S+) deliveries together with the lane's planning value of (\\d+) days?"),
                    List.of("site", "region", "days")),
            new Form("laneWithFrom", Pattern.compile("(\\S+)→(\\S+) deliveries together with deliveries from \\1"), List.of("site", "region")),
            new Form("laneWithTo", Pattern.compile("(\\S+)→(\\S+) deliveries together with deliveries to \\2"), List.of("site", "region")),
            new Form("laneWithAll", Pattern.compile("(\\S+)→(\\S+) deliveries together with all deliveries"), List.of("site", "region")),
            new Form("lane", Pattern.compile("(\\S+)→(\\S+) deliveries"), List.of("site", "region")),
            new Form("serviceWithAll", Pattern.compile("(\\S+) at (\\S+) together with \\1 at all sites"), List.of("serviceType", "site")),
            new Form("serviceWithStandard", Pattern.compile("(\\S+) at (\\S+) together with the standard (\\d+(?:\\.\\d+)?) minutes"),
                    List.of("serviceType", "site", "minutes")),
            new Form("serviceEverywhere", Pattern.compile("(\\S+) at all sites"), List.of("serviceType")),
            new Form("serviceAt", Pattern.compile("(\\S+) at (\\S+)"), List.of("serviceType", "site")));

    /** Words already read: a few per lane or service, asked on every answer that says what it rests on. */
    private static final Map<String, Optional<Parsed>> READ = new ConcurrentHashMap<>();
    private static final int READ_MAX = 10_000;

    /** The kind and values of words written by this class; null for any other text. */
    public static Parsed parse(String words) {
        if (words == null) return null;
        Optional<Parsed> known = READ.get(words);
        if (known != null) return known.orElse(null);
        if (READ.size() >= READ_MAX) READ.clear(); // bounded: codes sent by callers are not kept without end
        Parsed parsed = read(words);
        READ.put(words, Optional.ofNullable(parsed));
        return parsed;
    }

    private static Parsed read(String words) {
        for (Form f : FORMS) {
            Matcher m = f.pattern().matcher(words);
            if (!m.matches()) continue;
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < f.names().size(); i++) values.put(f.names().get(i), m.group(i + 1));
            return new Parsed(f.kind(), Collections.unmodifiableMap(values));
        }
        return null;
    }
}
