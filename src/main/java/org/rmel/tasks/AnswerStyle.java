package org.rmel.tasks;

/** What a benchmark's gold answers look like; tells a reader which verifier rules matter. */
public enum AnswerStyle {
    /** an integer (AIME 0..999, AMC) */
    INTEGER,
    /** a LaTeX expression: fractions, radicals, tuples, intervals, matrices, text */
    LATEX,
    /** a decimal or scientific-notation number, sometimes an expression with units (Minerva) */
    NUMERIC
}
