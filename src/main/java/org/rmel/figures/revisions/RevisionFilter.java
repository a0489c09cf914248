package org.rmel.figures.revisions;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * The Revisions table's filters as one value: status, τ, LCP-ratio range, step range, difficulty
 * bucket and free-text search (prompt id, problem text, seed, continuation, answers). Null / NaN means "any".
 */
public record RevisionFilter(Status status, Double tau, double lcpMin, double lcpMax, int stepMin, int stepMax, String bucket,
        String text) implements Predicate<RevisionRecord> {

    public enum Status { ALL, ACCEPTED, REJECTED }

    public static final RevisionFilter ALL = new RevisionFilter(Status.ALL, null, 0, 1, Integer.MIN_VALUE, Integer.MAX_VALUE, null, "");

    public RevisionFilter withStatus(Status s) {
        return new RevisionFilter(s, tau, lcpMin, lcpMax, stepMin, stepMax, bucket, text);
    }

    public RevisionFilter withTau(Double t) {
        return new RevisionFilter(status, t, lcpMin, lcpMax, stepMin, stepMax, bucket, text);
    }

    public RevisionFilter withLcp(double min, double max) {
        return new RevisionFilter(status, tau, min, max, stepMin, stepMax, bucket, text);
    }

    public RevisionFilter withSteps(int min, int max) {
        return new RevisionFilter(status, tau, lcpMin, lcpMax, min, max, bucket, text);
    }

    public RevisionFilter withBucket(String b) {
        return new RevisionFilter(status, tau, lcpMin, lcpMax, stepMin, stepMax, b, text);
    }

    public RevisionFilter withText(String t) {
        return new RevisionFilter(status, tau, lcpMin, lcpMax, stepMin, stepMax, bucket, t == null ? "" : t);
    }

    @Override
    public boolean test(RevisionRecord r) {
        if (status == Status.ACCEPTED && !r.accepted() || status == Status.REJECTED && r.accepted()) {
            return false;
        }
        if (tau != null && Math.abs(r.tau() - tau) > 1e-9) {
            return false;
        }
        if (r.lcpRatio() < lcpMin - 1e-12 || r.lcpRatio() > lcpMax + 1e-12) {
            return false;
        }
        if (r.step() < stepMin || r.step() > stepMax) {
            return false;
        }
        if (bucket != null && !bucket.equals(r.bucket())) {
            return false;
        }
        if (!text.isBlank()) {
            String needle = text.toLowerCase(Locale.ROOT);
            return contains(r.promptId(), needle) || contains(r.problem(), needle) || contains(r.seedText(), needle) || contains(r.attempt().continuation(), needle)
                    || contains(r.attempt().answer(), needle) || contains(r.gold(), needle);
        }
        return true;
    }

    private static boolean contains(String hay, String needle) {
        return hay != null && hay.toLowerCase(Locale.ROOT).contains(needle);
    }
}
