package org.rmel.tasks;

/**
 * One evaluation set known to the workbench.
 *
 * @param name        display name, e.g. "MATH-500"
 * @param fileName    the file name looked up in a benchmarks folder
 * @param size        number of problems in the published set
 * @param answerStyle the form of the gold answers
 */
public record Benchmark(String name, String fileName, int size, AnswerStyle answerStyle) {
}
