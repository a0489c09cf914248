package org.rmel.app.overview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.rmel.run.RunStatus;

/** What an empty Overview chart says: never "no data yet" for data that will never come. */
class EmptyChartMessageTest {
    private static final ChartSpec REVISION = ChartSpec.overview().stream().filter(s -> s.id().equals("revision")).findFirst().orElseThrow();
    private static final ChartSpec PASS1 = ChartSpec.overview().stream().filter(s -> s.id().equals("pass1")).findFirst().orElseThrow();

    private static FollowedRun.Snapshot run(String condition, RunStatus.State state, double loaded) {
        RunStatus status = new RunStatus(state, 3, OptionalInt.of(10), Optional.of(Instant.EPOCH), Optional.empty(), Optional.empty(), "");
        return new FollowedRun.Snapshot(Path.of(condition), condition, Map.of(), List.of(), status, loaded, 10, condition);
    }

    @Test
    void messagesFollowLoadingConditionAndState() {
        assertEquals("select a run in the library", OverviewModel.emptyMessage(REVISION, List.of()));
        assertEquals("loading…", OverviewModel.emptyMessage(REVISION, List.of(run("r-mel", RunStatus.State.FINISHED, 0.4))));
        assertEquals("not applicable to MEL runs: only the R-MEL conditions revise",
                OverviewModel.emptyMessage(REVISION, List.of(run("mel", RunStatus.State.FINISHED, 1),
                        run("mel-extra", RunStatus.State.RUNNING, 1))));
        assertEquals("no data yet", OverviewModel.emptyMessage(REVISION, List.of(run("r-mel", RunStatus.State.RUNNING, 1))));
        assertEquals("not logged by this run", OverviewModel.emptyMessage(REVISION, List.of(run("r-mel", RunStatus.State.FINISHED, 1))));
        assertEquals("no evaluation yet", OverviewModel.emptyMessage(PASS1, List.of(run("mel", RunStatus.State.RUNNING, 1))));
        assertEquals("no evaluations in these runs", OverviewModel.emptyMessage(PASS1,
                List.of(run("mel", RunStatus.State.STOPPED, 1), run("r-mel", RunStatus.State.FINISHED, 1))));
    }
}
