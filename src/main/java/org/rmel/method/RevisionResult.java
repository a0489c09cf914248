package org.rmel.method;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The outcome of one revision search: the seed, the schedule it ran under, and every attempt
 * made in order. The search stops at the first accepted attempt, so only the last attempt can
 * be accepted and {@code attempts.size() ≤ schedule.size()}.
 */
public record RevisionResult(RevisionSeed seed, RevisionSchedule schedule, List<RevisionAttempt> attempts) {

    /** Suffix of the id given to an accepted revision: seed id + "~rev" + attempt index. */
    public static final String REVISION_ID_MARK = "~rev";

    public RevisionResult {
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(schedule, "schedule");
        attempts = List.copyOf(attempts);
        if (attempts.size() > schedule.size()) {
            throw new IllegalArgumentException(attempts.size() + " attempts exceed the budget of " + schedule.size());
        }
        for (int i = 0; i < attempts.size(); i++) {
            RevisionAttempt a = attempts.get(i);
            if (a.attempt() != i || Double.compare(a.tau(), schedule.tau(i)) != 0) {
                throw new IllegalArgumentException("attempt " + i + " does not follow the schedule: " + a);
            }
            if (a.accepted() && i != attempts.size() - 1) {
                throw new IllegalArgumentException("attempt " + i + " was accepted but the search went on");
            }
        }
    }

    /** Index of the accepted attempt, if any. */
    public OptionalInt acceptedIndex() {
        int last = attempts.size() - 1;
        return last >= 0 && attempts.get(last).accepted() ? OptionalInt.of(last) : OptionalInt.empty();
    }

    /** The accepted attempt, if any. */
    public Optional<RevisionAttempt> accepted() {
        OptionalInt i = acceptedIndex();
        return i.isPresent() ? Optional.of(attempts.get(i.getAsInt())) : Optional.empty();
    }

    /** Whether the group was rescued (an attempt was accepted). */
    public boolean rescued() {
        return acceptedIndex().isPresent();
    }

    /** Number of continuation calls spent on this seed. */
    public int continuationCalls() {
        return attempts.size();
    }

    /** The accepted revision y_rev+ as a trajectory (reward 1), if any. */
    public Optional<Trajectory> revisedTrajectory() {
        return accepted().map(a -> new Trajectory(seed.seed().id() + REVISION_ID_MARK + a.attempt(),
                a.revisedTokens(), a.revisedText(), 1.0, a.answer(), a.logprob()));
    }

    /** The group with the accepted revision appended (now mixed), if any. */
    public Optional<Group> rescuedGroup() {
        return revisedTrajectory().map(t -> seed.group().with(List.of(t)));
    }
}
