package org.rmel.model;

/**
 * Where the model runs.
 *
 * @param name e.g. "cpu()" or "gpu(0)"
 * @param gpu true on a GPU
 * @param memoryUsedBytes device memory in use (process resident memory on the CPU); -1 if unknown
 * @param memoryTotalBytes device memory in total; -1 if unknown
 */
public record DeviceInfo(String name, boolean gpu, long memoryUsedBytes, long memoryTotalBytes) {}
