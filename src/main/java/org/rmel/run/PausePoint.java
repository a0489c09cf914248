package org.rmel.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A test hook that freezes the process at one named point, so a test can SIGKILL a real trainer
 * exactly there (during an evaluation, mid-step, between writing a checkpoint's files and its
 * event). Off unless the system property {@code rmel.test.pause-at} is set, as
 * {@code POINT@STEP} or {@code POINT@STEP#N} (the N-th time, default 1): the points are the event
 * types (reached just before the event is appended) and {@code checkpoint-files} (the checkpoint's
 * files are half written). On reaching it the process writes the file named by
 * {@code rmel.test.pause-marker} and sleeps until killed.
 */
public final class PausePoint {
    private static final String SPEC = System.getProperty("rmel.test.pause-at");
    private static final Map<String, Integer> SEEN = new HashMap<>();

    private PausePoint() {
    }

    /** Called at {@code point} of {@code step}; returns at once unless the test asked to pause here. */
    public static void reach(String point, int step) {
        if (SPEC == null) {
            return;
        }
        String key = point + "@" + step;
        int nth;
        synchronized (SEEN) {
            nth = SEEN.merge(key, 1, Integer::sum);
        }
        if (!SPEC.equals(key + "#" + nth) && !(nth == 1 && SPEC.equals(key))) {
            return;
        }
        String marker = System.getProperty("rmel.test.pause-marker");
        try {
            if (marker != null) {
                Files.writeString(Path.of(marker), key + "#" + nth + "\n");
            }
            while (true) {
                Thread.sleep(60_000);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("pause point " + key + " interrupted", e);
        }
    }
}
