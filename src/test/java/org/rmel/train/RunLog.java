package org.rmel.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rmel.run.EventSink;
import org.rmel.run.LoggedEvent;
import org.rmel.run.RunDirectory;
import org.rmel.run.RunEvent;

/** A run's events as the analysis sees them (the resume rule applied), for assertions. */
final class RunLog {
    final List<RunEvent> events = new ArrayList<>();

    static RunLog read(Path dir) {
        RunLog log = new RunLog();
        RunDirectory.open(dir).read(new EventSink() {
            @Override
            public void accept(LoggedEvent e) {
                log.events.add(e.event());
            }

            @Override
            public void reset() {
                log.events.clear();
            }
        });
        return log;
    }

    <T extends RunEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
