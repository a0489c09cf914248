package org.rmel.app;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.prefs.Preferences;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import org.rmel.app.launch.Launches;
import org.rmel.app.launch.NewRunDialog;
import org.rmel.app.launch.NewRunForm;
import org.rmel.launch.TrainerCommand;
import org.rmel.launch.TrainerProcess;
import org.rmel.app.library.LibraryRow;
import org.rmel.app.library.RunLibrary;
import org.rmel.app.library.RunLibraryView;
import org.rmel.app.library.RunSummary;
import org.rmel.app.library.Workspace;
import org.rmel.app.overview.FollowedRun;
import org.rmel.app.overview.RunMonitor;
import org.rmel.app.status.GpuInfo;
import org.rmel.app.status.GpuProbe;
import org.rmel.app.status.LogTail;
import org.rmel.app.status.StatusText;
import org.rmel.run.RunFiles;

/**
 * The workbench window and its controller: library, panel frame, trainer log, status bar, menus;
 * launching, stopping and re-attaching to trainers. The FX thread only touches nodes: file reading
 * runs on the background executor, and live data reach the panels through a Timeline that polls
 * the {@link RunMonitor}'s change counter four times a second (so redraws are coalesced).
 */
public final class WorkbenchWindow {
    /** How long a trainer gets to finish its step after SIGTERM before it is killed. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private final Stage stage;
    private final Workspace workspace;
    private final ExecutorService background;
    private final RunMonitor monitor = new RunMonitor(Duration.ofMillis(200));
    private final RunLibrary library = new RunLibrary();
    private final Launches launches;
    private final org.rmel.app.study.StudyMenu studies;
    private final WorkbenchFrame frame;
    private final RunLibraryView libraryView;
    private final Set<Path> opened = Collections.synchronizedSet(new LinkedHashSet<>());
    private final LatestTaskRunner selecting;
    private final Label runStatus = new Label("No run selected");
    private final Label gpuStatus = new Label("GPU: probing…");
    private final Label message = new Label();
    private final TextArea log = new TextArea();
    private final List<Timeline> timelines = new ArrayList<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile List<String> gpus = List.of();
    private volatile List<Path> selected = List.of();
    /** Runs opened by the user (or launched) to select once the library lists them. */
    private List<Path> selectAfterNextRefresh = List.of();
    private long seenChanges = -1;
    private long version;

    public WorkbenchWindow(Stage stage, Preferences preferences, TrainerCommand trainer, List<Path> runsToOpen) {
        this.stage = stage;
        this.workspace = new Workspace(preferences);
        this.background = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "workbench-background");
            thread.setDaemon(true);
            return thread;
        });
        this.selecting = new LatestTaskRunner(background);
        this.launches = new Launches(workspace::launchesFolder, trainer); // follows the workspace the user chooses
        this.studies = new org.rmel.app.study.StudyMenu(stage, workspace::folder, workspace.stateFolder(), trainer, background,
                this::openRuns, message::setText);
        WorkbenchContext context = new WorkbenchContext(background, () -> stage, preferences, monitor);
        this.frame = new WorkbenchFrame(context, PanelRegistry.panels());
        this.libraryView = new RunLibraryView(this::onLibrarySelection);
        libraryView.setActions(this::stopSelected, this::resumeSelected);
        runsToOpen.stream().filter(dir -> !studies.openIfStudy(dir)).forEach(dir -> opened.add(dir.toAbsolutePath().normalize()));

        BorderPane root = new BorderPane();
        root.setTop(menus(preferences));
        TitledPane logPane = logPane();
        SplitPane right = new SplitPane(frame.root(), logPane);
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.84);
        VBox libraryPane = libraryPane();
        SplitPane main = new SplitPane(libraryPane, right);
        main.setDividerPositions(0.32);
        root.setCenter(main);
        root.setBottom(statusBar());
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1600, screen.getWidth()), Math.min(1000, screen.getHeight()));
        acceptDroppedFolders(scene);
        stage.setTitle("R-MEL Workbench");
        stage.setScene(scene);
        Theme.decorate(stage, preferences);
        WindowLayout layout = new WindowLayout(preferences, stage, main, right, frame.tabs());
        layout.restore();
        SplitShares.keep(main); // the default or restored share of the library, kept on resize
        collapsibleLog(logPane, right, preferences.node("layout"));
        stage.setOnHiding(e -> layout.save());
        stage.setOnHidden(e -> close());

        background.execute(() -> {
            try {
                opened.addAll(launches.reattach());
            } catch (IOException e) {
                javafx.application.Platform.runLater(() -> message.setText("Cannot read the launch records: " + e.getMessage()));
            }
        });
        timelines.add(every(250, this::pollLiveChanges));
        timelines.add(every(1000, this::refreshLibrary));
        timelines.add(every(5000, this::probeGpu));
        refreshLibrary();
        probeGpu();
        selectAfterNextRefresh = List.copyOf(opened);
    }

    public void show() {
        stage.show();
    }

    public Stage stage() {
        return stage;
    }

    public WorkbenchFrame frame() {
        return frame;
    }

    public RunLibraryView libraryView() {
        return libraryView;
    }

    public Workspace workspace() {
        return workspace;
    }

    public Launches launches() {
        return launches;
    }

    public org.rmel.app.study.StudyMenu studies() {
        return studies;
    }

    public RunMonitor monitor() {
        return monitor;
    }

    public Label runStatusLabel() {
        return runStatus;
    }

    public Label messageLabel() {
        return message;
    }

    public TextArea logArea() {
        return log;
    }

    private Timeline every(long millis, Runnable action) {
        Timeline timeline = new Timeline(new KeyFrame(javafx.util.Duration.millis(millis), e -> action.run()));
        timeline.setCycleCount(Timeline.INDEFINITE);
        timeline.play();
        return timeline;
    }

    private MenuBar menus(Preferences preferences) {
        MenuItem newRun = new MenuItem("New Run…");
        newRun.setAccelerator(KeyCombination.keyCombination("Shortcut+N"));
        newRun.setOnAction(e -> showNewRunDialog());
        MenuItem open = new MenuItem("Open Run Folder…");
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        open.setOnAction(e -> chooseRunFolder());
        MenuItem chooseWorkspace = new MenuItem("Workspace Folder…");
        chooseWorkspace.setOnAction(e -> chooseWorkspace());
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(e -> stage.close());
        MenuItem stop = new MenuItem("Stop Selected Run");
        stop.setId("menu-stop");
        stop.setOnAction(e -> stopSelected());
        stop.disableProperty().bind(libraryView.canStop().not());
        MenuItem resume = new MenuItem("Resume Selected Run (train --resume)");
        resume.setId("menu-resume");
        resume.setOnAction(e -> resumeSelected());
        resume.disableProperty().bind(libraryView.canResume().not());
        MenuItem diagnostics = new MenuItem("Diagnostics…");
        diagnostics.setOnAction(e -> showDiagnostics());
        return new MenuBar(new Menu("File", null, newRun, open, chooseWorkspace, quit), new Menu("Run", null, stop, resume),
                studies.menu(), new Menu("View", null, Theme.darkToggle(stage, preferences)),
                new Menu("Help", null, diagnostics));
    }

    private VBox libraryPane() {
        Button newRun = new Button("New Run…");
        newRun.setId("new-run");
        newRun.setOnAction(e -> showNewRunDialog());
        Button stop = new Button("Stop");
        stop.setId("stop-run");
        stop.setOnAction(e -> stopSelected());
        stop.disableProperty().bind(libraryView.canStop().not());
        stop.setTooltip(new javafx.scene.control.Tooltip("Stop the selected running run at the end of its step"));
        Button open = new Button("Open…");
        open.setOnAction(e -> chooseRunFolder());
        HBox buttons = new HBox(6, newRun, stop, open);
        buttons.setPadding(new Insets(6));
        Label title = new Label("Runs");
        title.setStyle("-fx-font-weight: bold;");
        title.setPadding(new Insets(6, 6, 0, 6));
        VBox.setVgrow(libraryView.table(), Priority.ALWAYS);
        VBox pane = new VBox(title, buttons, libraryView.table());
        pane.setMinWidth(230);
        return pane;
    }

    private TitledPane logPane() {
        log.setId("trainer-log");
        log.setEditable(false);
        log.setWrapText(false);
        log.setStyle("-fx-font-family: monospace; -fx-font-size: 11px;");
        log.setMinHeight(0);
        TitledPane pane = new TitledPane("Trainer log (selected run)", log);
        pane.setId("trainer-log-pane");
        pane.setCollapsible(true); // a small window gives its height back to the panels
        pane.setMinHeight(0);
        return pane;
    }

    /**
     * Collapsing the trainer log gives its height to the panels (the split item is capped at the
     * title's height); expanding brings the divider back where it was. Remembered between sessions.
     */
    private static void collapsibleLog(TitledPane pane, SplitPane split, Preferences layout) {
        double[] expandedAt = {split.getDividerPositions()[0]};
        pane.expandedProperty().addListener((o, was, expanded) -> {
            layout.putBoolean("log-collapsed", !expanded);
            if (expanded) {
                pane.setMaxHeight(Double.MAX_VALUE);
                split.setDividerPositions(expandedAt[0]);
            } else {
                expandedAt[0] = split.getDividerPositions()[0];
                pane.setMaxHeight(Region.USE_PREF_SIZE);
            }
        });
        if (layout.getBoolean("log-collapsed", false)) {
            pane.setExpanded(false);
        }
    }

    private HBox statusBar() {
        runStatus.setId("run-status");
        gpuStatus.setId("gpu-status");
        message.setId("message");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(16, runStatus, message, spacer, gpuStatus);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        bar.setStyle("-fx-border-color: #cccccc; -fx-border-width: 1 0 0 0;");
        return bar;
    }

    private void acceptDroppedFolders(Scene scene) {
        scene.setOnDragOver(event -> {
            if (event.getDragboard().hasFiles()) {
                event.acceptTransferModes(TransferMode.LINK, TransferMode.COPY);
            }
            event.consume();
        });
        scene.setOnDragDropped(event -> {
            List<File> files = event.getDragboard().hasFiles() ? event.getDragboard().getFiles() : List.of();
            List<Path> dirs = files.stream().map(File::toPath).map(p -> p.getFileName() != null
                    && (p.getFileName().toString().equals(RunFiles.SPEC) || p.getFileName().toString().equals(RunFiles.EVENTS))
                    ? p.getParent() : p).toList();
            openRuns(dirs);
            event.setDropCompleted(!dirs.isEmpty());
            event.consume();
        });
    }

    /** Adds run folders to the library (they need not be in the workspace) and selects them. */
    public void openRuns(List<Path> dirs) {
        List<Path> normalized = dirs.stream().map(d -> d.toAbsolutePath().normalize()).toList();
        opened.addAll(normalized);
        selectAfterNextRefresh = normalized;
        refreshLibrary();
    }

    private void chooseRunFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open Run Folder");
        if (Files.isDirectory(workspace.folder())) {
            chooser.setInitialDirectory(workspace.folder().toFile());
        }
        File dir = chooser.showDialog(stage);
        if (dir != null) {
            openRuns(List.of(dir.toPath()));
        }
    }

    private void chooseWorkspace() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Workspace Folder (its sub-folders are runs)");
        if (Files.isDirectory(workspace.folder())) {
            chooser.setInitialDirectory(workspace.folder().toFile());
        }
        File dir = chooser.showDialog(stage);
        if (dir != null) {
            setWorkspace(dir.toPath());
        }
    }

    /** Help → Diagnostics: {@code rmel doctor}'s report. */
    public javafx.scene.control.Alert showDiagnostics() {
        return DiagnosticsDialog.show(stage, background);
    }

    /**
     * Switches the workspace: the library lists its runs, and everything the workbench writes from
     * now on (launch records, trainer console output) goes under it; trainers recorded there are
     * re-attached.
     */
    public void setWorkspace(Path dir) {
        message.setText("Workspace: " + dir);
        background.execute(() -> {
            workspace.setFolder(dir);
            try {
                opened.addAll(launches.reattach());
            } catch (IOException e) {
                javafx.application.Platform.runLater(() -> message.setText("Cannot read the launch records: " + e.getMessage()));
            }
            javafx.application.Platform.runLater(this::refreshLibrary);
        });
    }

    /** Opens the New Run dialog; on Start, launches the trainer and selects the new run. */
    public NewRunDialog showNewRunDialog() {
        NewRunDialog dialog = new NewRunDialog(stage, workspace.folder(), gpus, background);
        dialog.dialog().setOnHidden(e -> {
            if (dialog.dialog().getResult() == dialog.startButton()) {
                start(dialog.form());
            }
        });
        dialog.dialog().show();
        return dialog;
    }

    private void start(NewRunForm form) {
        Path dir = form.outputDir();
        List<String> args = form.trainArgs();
        message.setText("Starting " + dir.getFileName() + "…");
        background.execute(() -> {
            try {
                Files.createDirectories(workspace.launchesFolder());
                TrainerProcess process = launches.start(dir, args, workspace.consoleLogFor(dir));
                javafx.application.Platform.runLater(() -> {
                    message.setText("Started " + dir.getFileName() + " (pid " + process.pid() + ")");
                    openRuns(List.of(dir));
                });
            } catch (IOException | RuntimeException e) {
                javafx.application.Platform.runLater(() -> message.setText("Cannot start the trainer: " + e.getMessage()));
            }
        });
    }

    /**
     * Continues the selected stopped, killed or failed runs with {@code train --resume RUN} as child
     * processes, followed like any run this workbench started.
     */
    public void resumeSelected() {
        for (LibraryRow row : libraryView.selectedRows()) {
            if (!row.resumable()) {
                continue;
            }
            Path dir = row.dir();
            message.setText("Resuming " + dir.getFileName() + "…");
            background.execute(() -> {
                try {
                    TrainerProcess process = launches.start(dir, List.of("--resume", dir.toString()),
                            workspace.consoleLogFor(dir));
                    javafx.application.Platform.runLater(() -> message.setText(
                            "Resumed " + dir.getFileName() + " (pid " + process.pid() + ")"));
                } catch (IOException | RuntimeException e) {
                    javafx.application.Platform.runLater(() -> message.setText("Cannot resume " + dir.getFileName() + ": "
                            + e.getMessage()));
                }
            });
        }
    }

    /** Stops the trainers of the selected runs: SIGTERM, then SIGKILL after {@link #STOP_GRACE}. */
    public void stopSelected() {
        List<Path> targets = libraryView.selectedDirs();
        for (Path dir : targets) {
            message.setText("Stopping " + dir.getFileName() + " (it finishes its current step)…");
            background.execute(() -> {
                try {
                    TrainerProcess.StopOutcome outcome = launches.stop(dir, STOP_GRACE);
                    String text = switch (outcome) {
                        case ALREADY_ENDED -> dir.getFileName() + " has no running trainer";
                        case GRACEFUL -> "Stopped " + dir.getFileName();
                        case FORCED -> "Killed " + dir.getFileName() + " (it did not stop within "
                                + STOP_GRACE.toSeconds() + " s)";
                    };
                    javafx.application.Platform.runLater(() -> message.setText(text));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    private void onLibrarySelection(List<Path> dirs) {
        selected = List.copyOf(dirs);
        selecting.submit(() -> {
            monitor.select(dirs);
            return dirs;
        }, done -> publishSelection(), error -> message.setText(error.getMessage()));
    }

    private void publishSelection() {
        version++;
        frame.setSelection(new RunSelection(selected, version));
        updateRunStatus();
    }

    /** Four times a second: if any followed run changed, tell the visible panel once. */
    private void pollLiveChanges() {
        long changes = monitor.changes();
        if (changes != seenChanges) {
            seenChanges = changes;
            publishSelection();
        }
    }

    private void updateRunStatus() {
        if (selected.isEmpty()) {
            runStatus.setText("No run selected");
            return;
        }
        Path primary = selected.get(0);
        Optional<FollowedRun> run = monitor.run(primary);
        String problem = monitor.problems().get(primary.toAbsolutePath().normalize());
        if (run.isPresent()) {
            runStatus.setText(StatusText.of(primary.getFileName().toString(), run.get().status())
                    + (selected.size() > 1 ? "  (+" + (selected.size() - 1) + " overlaid)" : ""));
        } else if (launches.isRunning(primary)) {
            runStatus.setText(primary.getFileName() + ": starting (the trainer is preparing the run folder)");
        } else if (problem != null) {
            runStatus.setText(primary.getFileName() + ": " + firstLine(problem));
        }
    }

    /** Once a second, off the FX thread: the library's rows and the primary run's log tail. */
    private void refreshLibrary() {
        if (!refreshing.compareAndSet(false, true)) {
            return;
        }
        Path root = workspace.folder();
        List<Path> samples = Workspace.sampleRunFolders();
        Path primary = selected.isEmpty() ? null : selected.get(0);
        background.execute(() -> {
            try {
                monitor.select(selected); // picks up a selected run whose folder the trainer has only now created
                List<Path> extra = new ArrayList<>(opened);
                extra.addAll(launches.runDirs());
                List<RunSummary> summaries = library.refresh(root, samples, extra);
                ZoneId zone = ZoneId.systemDefault();
                List<LibraryRow> rows = summaries.stream().map(s -> LibraryRow.of(s, launches, zone)).toList();
                String logText = primary == null ? "" : logText(primary, rows);
                javafx.application.Platform.runLater(() -> {
                    libraryView.setRows(rows);
                    if (!selectAfterNextRefresh.isEmpty()) {
                        List<Path> toSelect = selectAfterNextRefresh;
                        selectAfterNextRefresh = List.of();
                        libraryView.select(toSelect);
                        onLibrarySelection(libraryView.selectedDirs());
                    }
                    if (!log.getText().equals(logText)) {
                        log.clear();
                        log.appendText(logText); // appending scrolls to the newest lines, like tail -f
                    }
                    updateRunStatus();
                    refreshing.set(false);
                });
            } catch (RuntimeException e) {
                javafx.application.Platform.runLater(() -> {
                    message.setText("Cannot refresh the library: " + e.getMessage());
                    refreshing.set(false);
                });
            }
        });
    }

    /**
     * The failure reason first (when failed), the prompt of an LLM run as the model saw it, then
     * the last lines of trainer.log or the console output.
     */
    private String logText(Path primary, List<LibraryRow> rows) {
        StringBuilder text = new StringBuilder();
        rows.stream().filter(r -> r.dir().equals(primary.toAbsolutePath().normalize())).findFirst()
                .filter(r -> r.status().equals("failed") || r.status().equals("killed"))
                .ifPresent(r -> text.append(r.status().toUpperCase()).append(": ").append(r.detail()).append("\n\n"));
        org.rmel.app.status.PromptHeader.of(primary).ifPresent(text::append);
        try {
            List<String> lines = LogTail.lastLines(primary.resolve(RunFiles.TRAINER_LOG), 200);
            if (lines.isEmpty()) {
                Optional<Path> console = launches.consoleLog(primary);
                if (console.isPresent()) {
                    lines = LogTail.lastLines(console.get(), 200);
                }
            }
            text.append(String.join("\n", lines));
        } catch (IOException e) {
            text.append("(cannot read the log: ").append(e.getMessage()).append(")");
        }
        return text.toString();
    }

    private void probeGpu() {
        background.execute(() -> {
            List<GpuInfo> found = new GpuProbe().probe();
            gpus = found.stream().map(GpuInfo::describe).toList();
            String text = GpuProbe.describe(found);
            javafx.application.Platform.runLater(() -> gpuStatus.setText(text));
        });
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** Closes readers and timers; running trainers keep running (a reopened workbench re-attaches). */
    public void close() {
        timelines.forEach(Timeline::stop);
        background.shutdownNow();
        monitor.close();
        library.close();
    }
}
