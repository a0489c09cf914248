package org.rmel.method;

import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * The experimental conditions, as first-class values: what each does with all-negative groups
 * and which settings it fixes. Command-line and run.json name: {@link #cliName()}.
 */
public enum Condition {
    /** MEL: all-negative groups are discarded. */
    MEL("mel", "MEL", false, false, false, OptionalInt.empty(), OptionalDouble.empty()),
    /** MEL+Extra: the compute-matched control, B fresh rollouts per all-negative group. */
    MEL_EXTRA("mel-extra", "MEL+Extra", false, true, false, OptionalInt.empty(), OptionalDouble.empty()),
    /** R-MEL: prefix-primed revision of all-negative groups. */
    R_MEL("r-mel", "R-MEL", true, false, false, OptionalInt.empty(), OptionalDouble.empty()),
    /** R-MEL without the prefix constraint: τ_min = 0, any verified revision is accepted. */
    R_MEL_NO_PREFIX("r-mel-no-prefix", "R-MEL w/o prefix", true, false, false, OptionalInt.empty(), OptionalDouble.of(0.0)),
    /** R-MEL with budget 1: only τ = 0.7 is tried. */
    R_MEL_B1("r-mel-b1", "R-MEL (B=1)", true, false, false, OptionalInt.of(1), OptionalDouble.empty()),
    /** R-MEL whose per-prompt budget the trainer adapts to difficulty (the rule is the trainer's). */
    R_MEL_ADAPTIVE("r-mel-adaptive", "R-MEL adaptive", true, false, true, OptionalInt.empty(), OptionalDouble.empty());

    private final String cliName;
    private final String label;
    private final boolean revises;
    private final boolean extraRollouts;
    private final boolean adaptive;
    private final OptionalInt budget;
    private final OptionalDouble tauMin;

    Condition(String cliName, String label, boolean revises, boolean extraRollouts, boolean adaptive,
              OptionalInt budget, OptionalDouble tauMin) {
        this.cliName = cliName;
        this.label = label;
        this.revises = revises;
        this.extraRollouts = extraRollouts;
        this.adaptive = adaptive;
        this.budget = budget;
        this.tauMin = tauMin;
    }

    /** The name on the command line and in run.json, e.g. {@code r-mel-no-prefix}. */
    public String cliName() {
        return cliName;
    }

    /** The name in tables and figures, as the paper writes it, e.g. {@code R-MEL w/o prefix}. */
    public String label() {
        return label;
    }

    /** Whether all-negative groups get a revision search. */
    public boolean revises() {
        return revises;
    }

    /** Whether all-negative groups get B extra fresh rollouts. */
    public boolean spendsExtraRollouts() {
        return extraRollouts;
    }

    /** Whether the trainer adapts the budget per prompt. */
    public boolean adaptive() {
        return adaptive;
    }

    /** The budget B this condition fixes, if it fixes one. */
    public OptionalInt budgetOverride() {
        return budget;
    }

    /** The τ_min this condition fixes, if it fixes one. */
    public OptionalDouble tauMinOverride() {
        return tauMin;
    }

    /** Parses a command-line name; the error lists the valid names. */
    public static Condition fromCliName(String name) {
        for (Condition c : values()) {
            if (c.cliName.equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown condition '" + name + "'; valid: " + validNames());
    }

    /** The valid command-line names, comma-separated. */
    public static String validNames() {
        return Arrays.stream(values()).map(Condition::cliName).collect(Collectors.joining(", "));
    }
}
