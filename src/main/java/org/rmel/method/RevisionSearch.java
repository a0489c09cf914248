package org.rmel.method;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The R-MEL revision search over all-negative groups.
 *
 * <p>For each group: the seed is {@link SeedSelector}'s choice; attempt i cuts the seed at
 * ⌊τ_i·|y−|⌋ ({@link TruncationCut}), asks the policy to continue the kept prefix (forced) or to
 * write a whole response with the prefix in its prompt (primed, {@link RevisionMode}), and judges
 * the revised trajectory with {@link RevisionAcceptance}. The
 * search stops at the first accepted attempt and never makes more continuation calls than the
 * schedule has entries (the budget B).
 *
 * <p>Batched driver: {@link #searchAll} runs attempt round i for every still-unresolved seed in
 * ONE call to the {@link BatchContinuer}, so the policy can generate all continuations of a
 * round together. Rounds only batch work that is independent, so each seed's result equals what
 * a search of that seed alone would give with the same continuation outcomes.
 */
public final class RevisionSearch {
    private final RevisionAcceptance acceptance;
    private final RevisionMode mode;

    /** Forced revisions under the fixed rule LCP/|y−| ≥ τ_min. */
    public RevisionSearch(double tauMin) {
        this(new RevisionAcceptance(tauMin), RevisionMode.FORCED);
    }

    public RevisionSearch(RevisionAcceptance acceptance, RevisionMode mode) {
        this.acceptance = java.util.Objects.requireNonNull(acceptance, "acceptance");
        this.mode = java.util.Objects.requireNonNull(mode, "mode");
    }

    public RevisionMode mode() {
        return mode;
    }

    public RevisionAcceptance acceptance() {
        return acceptance;
    }

    /** Whether a group can be revised: all-negative with a failed trajectory that has tokens. */
    public static boolean revisable(Group group) {
        return group.outcome() == GroupOutcome.ALL_NEGATIVE && SeedSelector.seedIndex(group).isPresent();
    }

    /** Searches one group (a batch of one). */
    public RevisionResult search(Group group, RevisionSchedule schedule, Continuer continuer) {
        return searchAll(List.of(group), schedule, continuer.batched()).get(0);
    }

    /** Searches many groups under one schedule, one continuer call per round. */
    public List<RevisionResult> searchAll(List<Group> groups, RevisionSchedule schedule, BatchContinuer continuer) {
        return searchAll(groups, g -> schedule, continuer);
    }

    /**
     * Searches many groups, each under its own schedule (e.g. an adaptive budget), one continuer
     * call per round; round i serves every unresolved seed whose schedule has an attempt i.
     * Results come back in the order of {@code groups}.
     */
    public List<RevisionResult> searchAll(List<Group> groups, Function<Group, RevisionSchedule> scheduleOf,
                                          BatchContinuer continuer) {
        List<RevisionSeed> seeds = new ArrayList<>(groups.size());
        List<RevisionSchedule> schedules = new ArrayList<>(groups.size());
        List<List<RevisionAttempt>> attempts = new ArrayList<>(groups.size());
        int rounds = 0;
        for (Group group : groups) {
            if (!revisable(group)) {
                throw new IllegalArgumentException("group " + group.promptId() + " is not revisable (outcome "
                        + group.outcome() + "); only all-negative groups with a non-empty failure are");
            }
            RevisionSchedule schedule = scheduleOf.apply(group);
            seeds.add(RevisionSeed.of(group));
            schedules.add(schedule);
            attempts.add(new ArrayList<>());
            rounds = Math.max(rounds, schedule.size());
        }
        for (int round = 0; round < rounds; round++) {
            List<ContinuationRequest> requests = new ArrayList<>();
            for (int s = 0; s < seeds.size(); s++) {
                if (round < schedules.get(s).size() && !resolved(attempts.get(s))) {
                    requests.add(request(s, seeds.get(s), round, schedules.get(s).tau(round)));
                }
            }
            if (requests.isEmpty()) {
                break;
            }
            List<ContinuationResult> results = continuer.continueAll(requests);
            if (results.size() != requests.size()) {
                throw new IllegalStateException("continuer returned " + results.size() + " results for "
                        + requests.size() + " requests");
            }
            for (int r = 0; r < requests.size(); r++) {
                ContinuationRequest request = requests.get(r);
                attempts.get(request.seedIndex()).add(judge(request, results.get(r)));
            }
        }
        List<RevisionResult> out = new ArrayList<>(seeds.size());
        for (int s = 0; s < seeds.size(); s++) {
            out.add(new RevisionResult(seeds.get(s), schedules.get(s), attempts.get(s)));
        }
        return out;
    }

    /**
     * Turns a continuation into a judged attempt: the revised trajectory (forced: prefix +
     * continuation; primed: the response as written), its LCP with the seed, and the acceptance
     * rule at the attempt's τ.
     */
    public RevisionAttempt judge(ContinuationRequest request, ContinuationResult result) {
        int[] continuation = result.tokens();
        int[] revised;
        if (request.mode() == RevisionMode.PRIMED) {
            revised = continuation;
        } else {
            int[] prefix = request.prefix();
            revised = new int[prefix.length + continuation.length];
            System.arraycopy(prefix, 0, revised, 0, prefix.length);
            System.arraycopy(continuation, 0, revised, prefix.length, continuation.length);
        }
        int[] seedTokens = request.seed().seed().tokens();
        int lcp = Lcp.length(revised, seedTokens);
        boolean accepted = acceptance.accepts(result.verified(), lcp, seedTokens.length, request.tau());
        return new RevisionAttempt(request.attempt(), request.tau(), request.cut(), revised, result.text(),
                result.revisedText(), result.answer(), result.verified(), lcp, Lcp.ratio(revised, seedTokens),
                accepted, result.logprob(), request.mode());
    }

    private static boolean resolved(List<RevisionAttempt> attempts) {
        return !attempts.isEmpty() && attempts.get(attempts.size() - 1).accepted();
    }

    private ContinuationRequest request(int seedIndex, RevisionSeed seed, int attempt, double tau) {
        int cut = TruncationCut.at(tau, seed.seed().length());
        return new ContinuationRequest(seedIndex, seed, attempt, tau, cut, seed.seed().prefix(cut), mode);
    }
}
