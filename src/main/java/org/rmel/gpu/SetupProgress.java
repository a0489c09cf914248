package org.rmel.gpu;

/** What {@code gpu setup} is doing, for a progress bar. Called on the installing thread. */
public interface SetupProgress {
    /** A new phase: "reading the index", "unpacking libtorch_cuda.so", "verifying", ... */
    void phase(String text);

    /**
     * Bytes of the current file and of the whole set so far ({@code total}s are -1 when unknown).
     *
     * @param file the file being transferred
     */
    void bytes(String file, long done, long total, long allDone, long allTotal);

    /** Something worth a line of its own (a resume, a retry). */
    void note(String text);

    /** Ignores everything. */
    SetupProgress NONE = new SetupProgress() {
        @Override
        public void phase(String text) {
        }

        @Override
        public void bytes(String file, long done, long total, long allDone, long allTotal) {
        }

        @Override
        public void note(String text) {
        }
    };
}
