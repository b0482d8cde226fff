package com.promisevalidator.performance.model;

/**
 * The delivery mastery score, 1 to 10, from kept promises ("where is your delivery process on a
 * scale of one to ten?").
 *
 * <pre>
 *   keptRate   = kept / n
 *   lowerBound = Wilson lower bound of keptRate at 80 % (z = 1.2816): a small sample scores lower
 *   lateness   = mean over broken promises of min(1, days late / 7) for deliveries,
 *                min(1, minutes over / 60) for services
 *   penalty    = (1 - keptRate) * lateness
 *   score      = 1 + 9 * max(0, lowerBound - penalty), one decimal
 * </pre>
 *
 * For a fixed sample size and lateness the score rises with the kept rate; late misses cost more
 * than near misses; with few promises the lower bound keeps the score modest, and {@code n} is
 * always shown beside it.
 */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The delivery mastery score of a group and what it is made of",
        requiredProperties = {"n", "kept", "keptRate", "keptRateLowerBound", "lateness", "score"})
public record Mastery(@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Promises with a known outcome") long n, @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Of them kept") long kept,
                      @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "kept / n") double keptRate,
                      @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "80% Wilson lower bound of the kept rate (a small sample scores lower)") double keptRateLowerBound,
                      @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Mean over broken promises of min(1, days late / 7) or min(1, minutes over / 60)") double lateness,
                      @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "1 to 10, one decimal") double score) {

    static final double Z = 1.2816;
    public static final int SMALL_SAMPLE = 30;

    /** @param latenessSum sum over broken promises of their normalised lateness (0..1 each) */
    public static Mastery of(long n, long kept, double latenessSum) {
        if (n <= 0) return new Mastery(0, 0, 0, 0, 0, 1.0);
        double p = (double) kept / n;
        double z2 = Z * Z;
        double lower = (p + z2 / (2 * n) - Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n))) / (1 + z2 / n);
        long broken = n - kept;
        double lateness = broken == 0 ? 0 : latenessSum / broken;
        double penalty = (1 - p) * lateness;
        double score = 1 + 9 * Math.max(0, lower - penalty);
        return new Mastery(n, kept, round(p, 4), round(Math.max(0, lower), 4), round(lateness, 4), round(score, 1));
    }

    public boolean smallSample() {
        return n < SMALL_SAMPLE;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
