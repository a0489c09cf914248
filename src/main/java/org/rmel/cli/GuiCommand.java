package org.rmel.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rmel.app.WorkbenchLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gui [RUN_DIR...]}: the workbench window, the same as running with no subcommand. */
@Command(name = "gui", mixinStandardHelpOptions = true, description = "Open the workbench window.")
public final class GuiCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "RUN_DIR", description = "Run folders (or study folders) to open.")
    private List<Path> runDirs = new ArrayList<>();

    @Override
    public Integer call() {
        return WorkbenchLauncher.launch(runDirs);
    }
}
