package org.rmel.method;

/** Continues one prefix with the current policy and verifies the result. */
@FunctionalInterface
public interface Continuer {
    ContinuationResult continueFrom(ContinuationRequest request);

    /** This continuer as a batch continuer that serves requests one by one, in order. */
    default BatchContinuer batched() {
        return requests -> requests.stream().map(this::continueFrom).toList();
    }
}
