package org.rmel.figures.data;

/** The LCP ratio of one revision attempt (LCP with the seed over the seed's length) at truncation ratio τ. */
public record LcpSample(double tau, double lcpRatio, boolean accepted) {
}
