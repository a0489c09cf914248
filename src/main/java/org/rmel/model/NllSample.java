package org.rmel.model;

/**
 * One supervised target: the NLL of {@code targetIds} given {@code contextIds}.
 *
 * @param contextIds conditioning tokens (no loss on them)
 * @param targetIds the tokens to make likely
 */
public record NllSample(int[] contextIds, int[] targetIds) {}
