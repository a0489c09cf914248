package org.rmel.analysis;

/** A success rate in one bucket (a difficulty k/n, a difficulty band, a log-prob quintile). */
public record BucketRate(String bucket, Rate rate) {
}
