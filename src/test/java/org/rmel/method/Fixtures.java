package org.rmel.method;

import java.util.Arrays;
import java.util.List;

/** Small builders for trajectories and groups in tests. */
final class Fixtures {
    private Fixtures() {
    }

    static Trajectory fail(String id, int... tokens) {
        return new Trajectory(id, tokens, "text " + id, 0.0, "wrong", -1.0 * tokens.length);
    }

    static Trajectory pass(String id, int... tokens) {
        return new Trajectory(id, tokens, "text " + id, 1.0, "42", -1.0 * tokens.length);
    }

    static Group group(String promptId, Trajectory... trajectories) {
        return new Group(promptId, 1, "42", List.of(trajectories));
    }

    /** Tokens 0, 1, ..., n-1 (so any prefix is recognisable). */
    static int[] range(int n) {
        int[] t = new int[n];
        Arrays.setAll(t, i -> i);
        return t;
    }

    /** A continuation result with the given tokens and verdict. */
    static ContinuationResult continuation(boolean verified, int... tokens) {
        return new ContinuationResult(tokens, "cont", "full", verified ? "42" : "wrong", verified, -0.5);
    }
}
