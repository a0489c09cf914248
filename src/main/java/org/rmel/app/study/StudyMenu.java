package org.rmel.app.study;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.rmel.launch.TrainerCommand;
import org.rmel.study.Study;
import org.rmel.study.StudyExecutor;

/**
 * The workbench's Study menu (New Study…, Open Study…) and the study windows it opens, one per
 * study folder. On start it re-attaches to the study drivers a previous workbench started on this
 * workspace and opens their windows; the windows close with the workbench, the drivers do not.
 */
public final class StudyMenu {
    private final Stage owner;
    private final Supplier<Path> workspace;
    private final StudyLauncher launcher;
    private final ExecutorService background;
    private final Consumer<List<Path>> openRuns;
    private final Consumer<String> message;
    private final Map<Path, StudyWindow> windows = new ConcurrentHashMap<>();
    private final Menu menu;

    /**
     * @param workspace the current workspace folder (new studies are suggested inside it)
     * @param stateFolder the workspace's {@code .workbench/} folder (launch records, console output)
     * @param openRuns opens run folders in the workbench's library
     */
    public StudyMenu(Stage owner, Supplier<Path> workspace, Path stateFolder, TrainerCommand command,
            ExecutorService background, Consumer<List<Path>> openRuns, Consumer<String> message) {
        this.owner = owner;
        this.workspace = workspace;
        this.launcher = new StudyLauncher(stateFolder, command);
        this.background = background;
        this.openRuns = openRuns;
        this.message = message;
        MenuItem create = new MenuItem("New Study…");
        create.setOnAction(e -> showNewStudyDialog());
        MenuItem open = new MenuItem("Open Study…");
        open.setOnAction(e -> chooseStudy());
        menu = new Menu("Study", null, create, open);
        owner.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> {
            if (e.getTarget() == owner) {
                windows.values().forEach(w -> w.stage().close());
            }
        });
        background.execute(() -> {
            try {
                List<Path> live = launcher.reattach();
                Platform.runLater(() -> live.forEach(this::open));
            } catch (Exception e) {
                Platform.runLater(() -> message.accept("Cannot read the study launch records: " + e.getMessage()));
            }
        });
    }

    public Menu menu() {
        return menu;
    }

    public StudyLauncher launcher() {
        return launcher;
    }

    /** The open study windows by study folder (for tests). */
    public Map<Path, StudyWindow> windows() {
        return windows;
    }

    public NewStudyDialog showNewStudyDialog() {
        NewStudyDialog dialog = new NewStudyDialog(owner, workspace.get(), background);
        dialog.dialog().setOnHidden(e -> {
            if (dialog.dialog().getResult() == dialog.createButton()) {
                create(dialog.form());
            }
        });
        dialog.dialog().show();
        return dialog;
    }

    private void create(NewStudyForm form) {
        Path dir = form.folder();
        background.execute(() -> {
            try {
                Study study = Study.create(dir, form.spec());
                launcher.start(study, StudyExecutor.Mode.START);
                Platform.runLater(() -> {
                    message.accept("Created study " + dir.getFileName() + "; its driver is running");
                    open(dir);
                });
            } catch (Exception e) {
                Platform.runLater(() -> message.accept("Cannot create the study: " + e.getMessage()));
            }
        });
    }

    private void chooseStudy() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open Study Folder (holds study.json)");
        File dir = chooser.showDialog(owner);
        if (dir != null) {
            open(dir.toPath());
        }
    }

    /**
     * A folder given on the command line ({@code rmel STUDY_DIR}): when it holds a study, its window
     * opens once the workbench is shown and true is returned; otherwise false (a run folder).
     */
    public boolean openIfStudy(Path dir) {
        if (!java.nio.file.Files.exists(dir.resolve(org.rmel.study.StudySpec.FILE))) {
            return false;
        }
        Platform.runLater(() -> open(dir));
        return true;
    }

    /** Opens (or brings to front) the window of the study in {@code dir}. */
    public Optional<StudyWindow> open(Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        StudyWindow existing = windows.get(key);
        if (existing != null) {
            existing.stage().toFront();
            return Optional.of(existing);
        }
        try {
            Study study = Study.open(key);
            StudyWindow w = new StudyWindow(owner, study, launcher, background, System.getenv(),
                    run -> openRuns.accept(List.of(run)));
            windows.put(key, w);
            w.stage().addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> windows.remove(key));
            w.show();
            return Optional.of(w);
        } catch (RuntimeException e) {
            message.accept("Cannot open the study: " + e.getMessage());
            return Optional.empty();
        }
    }
}
