package org.rmel.method;

import java.util.List;

/**
 * Continues many prefixes in one call (one batched generation on the accelerator), returning one
 * result per request, in request order. The revision driver calls it once per attempt round.
 */
@FunctionalInterface
public interface BatchContinuer {
    List<ContinuationResult> continueAll(List<ContinuationRequest> requests);
}
