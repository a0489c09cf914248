package org.rmel.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.control.Tab;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.rmel.app.WorkbenchWindow;
import org.rmel.app.library.LibraryRow;
import org.rmel.app.library.Workspace;
import org.rmel.launch.TrainerCommand;

/**
 * Takes the README's screenshots of the real workbench on the bundled sample runs: run it on a
 * real X display (Xvfb) through {@code docs/screenshots/make.sh}, which also says what to install.
 * The window is the real {@link WorkbenchWindow} (GTK glass, not the tests' Monocle); this tool
 * only selects runs and tabs as a user would, waits for the panels to finish loading, and has
 * ImageMagick's {@code import -window root} capture the screen. It uses a throw-away preferences
 * node and an empty workspace, so the library lists exactly the sample runs and nothing of the
 * user's own settings shows or changes.
 *
 * <p>Arguments: OUTPUT_DIR [WIDTH HEIGHT] (default 1600 × 1000, the Xvfb screen make.sh starts).
 */
public final class Screenshots {
    private Screenshots() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: Screenshots OUTPUT_DIR [WIDTH HEIGHT]");
            System.exit(2);
        }
        Path out = Path.of(args[0]).toAbsolutePath();
        double width = args.length > 2 ? Double.parseDouble(args[1]) : 1600;
        double height = args.length > 2 ? Double.parseDouble(args[2]) : 1000;
        Files.createDirectories(out);
        Path workspace = Files.createTempDirectory("rmel-screenshots-workspace");
        Preferences prefs = Preferences.userRoot().node("rmel-screenshots/" + UUID.randomUUID());
        new Workspace(prefs).setFolder(workspace);
        prefs.node("overview").putDouble("ema", 0.6);
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        WorkbenchWindow window = fx(() -> {
            WorkbenchWindow w = new WorkbenchWindow(new Stage(), prefs, TrainerCommand.ofCurrentJvm(), List.of());
            w.stage().setX(0);
            w.stage().setY(0);
            w.stage().setWidth(width);
            w.stage().setHeight(height);
            w.show();
            return w;
        });
        try {
            new Screenshots.Session(window, out).all();
        } finally {
            fx(() -> {
                window.stage().close();
                return null;
            });
            prefs.removeNode();
            Platform.exit();
        }
        System.out.println("wrote the screenshots to " + out);
        System.exit(0);
    }

    /** One screenshot session on an open window. */
    private record Session(WorkbenchWindow window, Path out) {
        void all() throws Exception {
            waitUntil("the sample runs are listed", () -> window.libraryView().table().getItems().size() >= 6, 60);

            select("mel", "mel-extra", "r-mel");
            tab("Overview");
            Callable<Boolean> drawn = () -> {
                org.jfree.chart.fx.ChartViewer reward =
                        (org.jfree.chart.fx.ChartViewer) window.stage().getScene().lookup("#chart-reward");
                return window.runStatusLabel().getText().startsWith("mel:")
                        && reward.getChart().getXYPlot().getDataset().getSeriesCount() >= 3;
            };
            for (int attempt = 1; ; attempt++) {
                waitUntil("the three runs are drawn", drawn, 120);
                pause(2000);
                shoot("overview.png");
                if (fx(drawn) || attempt == 3) {
                    break; // still drawn after the capture: the picture shows them
                }
            }

            select("r-mel");
            tab("Revisions");
            TableView<?> attempts = (TableView<?>) lookup("#revision-table");
            waitUntil("the revision attempts are listed", () -> !attempts.getItems().isEmpty(), 60);
            fx(() -> {
                attempts.getSelectionModel().clearSelection();
                attempts.requestFocus();
                return null;
            });
            // An accepted attempt, the one with the longest seed (its τ markers stand apart), else the first.
            fx(() -> {
                int best = 0;
                int longest = -1;
                for (int i = 0; i < attempts.getItems().size(); i++) {
                    org.rmel.figures.revisions.RevisionRecord r = (org.rmel.figures.revisions.RevisionRecord) attempts.getItems().get(i);
                    if (r.accepted() && r.seedText().length() > longest) {
                        best = i;
                        longest = r.seedText().length();
                    }
                }
                attempts.getSelectionModel().select(best);
                attempts.scrollTo(Math.max(0, best - 3));
                return null;
            });
            pause(1500);
            shoot("revisions.png");

            select("r-mel", "r-mel-no-prefix", "r-mel-b1");
            tab("LCP");
            figureDrawn("lcp");
            shoot("lcp.png");

            select("mel", "mel-extra", "r-mel", "r-mel-adaptive"); // the paper's cohort (MEL, MEL+Extra, R-MEL) and an R-MEL variant
            tab("Difficulty");
            figureDrawn("difficulty");
            shoot("difficulty.png");

            select("mel", "mel-extra", "r-mel", "r-mel-no-prefix", "r-mel-b1", "r-mel-adaptive");
            tab("Compare");
            TableView<?> table1 = (TableView<?>) lookup("#table1-pass1");
            waitUntil("Compare has loaded the six runs", () -> table1.getItems().size() == 6
                    && !((javafx.scene.control.Label) window.stage().getScene().lookup("#compare-note")).getText().startsWith("Loading"), 180);
            pause(1000);
            shoot("compare.png");
            // The paired bootstrap against the chosen reference, below the tables (the log folded away).
            fx(() -> {
                ((javafx.scene.control.TitledPane) window.stage().getScene().lookup("#trainer-log-pane")).setExpanded(false);
                return null;
            });
            pause(500);
            fx(() -> {
                javafx.scene.control.ScrollPane compare =
                        (javafx.scene.control.ScrollPane) window.stage().getScene().lookup("#compare-panel");
                compare.setVvalue(compare.getVmax());
                return null;
            });
            pause(1000);
            shoot("compare-paired.png");
            fx(() -> {
                ((javafx.scene.control.TitledPane) window.stage().getScene().lookup("#trainer-log-pane")).setExpanded(true);
                return null;
            });

            // The same window at 1024 × 700: library, Revisions and the collapsible trainer log.
            fx(() -> {
                window.stage().setWidth(1024);
                window.stage().setHeight(700);
                return null;
            });
            select("r-mel");
            tab("Revisions");
            waitUntil("the revision attempts are listed", () -> !attempts.getItems().isEmpty(), 60);
            fx(() -> {
                attempts.getSelectionModel().select(0);
                return null;
            });
            pause(1500);
            shootCropped("small-window.png", 1024, 700);
        }

        /** Waits until the figure panel {@code id} has drawn its chart for the selected runs. */
        void figureDrawn(String id) throws Exception {
            pause(500);
            waitUntil(id + " is drawn", () -> {
                javafx.scene.Parent panel = (javafx.scene.Parent) window.stage().getScene().lookup("#" + id + "-panel");
                javafx.scene.Node loading = panel.lookup("#figure-loading");
                return !loading.isVisible() && panel.lookup(".chart-viewer, .chart-canvas") != null
                        || !loading.isVisible() && panel.lookupAll("*").stream().anyMatch(n -> n instanceof org.jfree.chart.fx.ChartViewer);
            }, 180);
            pause(2000);
        }

        List<LibraryRow> rows() throws Exception {
            return fx(() -> List.copyOf(window.libraryView().table().getItems()));
        }

        void select(String... names) throws Exception {
            List<Path> dirs = new ArrayList<>();
            for (String name : names) {
                rows().stream().filter(r -> r.name().equals(name)).findFirst().ifPresent(r -> dirs.add(r.dir()));
            }
            fx(() -> {
                // One selection change, as a user's shift-click makes (not one per row).
                List<Integer> indices = new ArrayList<>();
                for (int i = 0; i < window.libraryView().table().getItems().size(); i++) {
                    if (dirs.contains(window.libraryView().table().getItems().get(i).dir())) {
                        indices.add(i);
                    }
                }
                int[] rest = indices.stream().skip(1).mapToInt(Integer::intValue).toArray();
                window.libraryView().table().getSelectionModel().clearSelection();
                window.libraryView().table().getSelectionModel().selectIndices(indices.get(0), rest);
                return null;
            });
        }

        void tab(String title) throws Exception {
            fx(() -> {
                for (Tab t : window.frame().tabs().getTabs()) {
                    if (t.getText().equals(title)) {
                        window.frame().tabs().getSelectionModel().select(t);
                    }
                }
                return null;
            });
        }

        javafx.scene.Node lookup(String selector) throws Exception {
            return fx(() -> window.stage().getScene().lookup(selector));
        }

        void shoot(String name) throws IOException, InterruptedException {
            capture(List.of("import", "-window", "root", out.resolve(name).toString()));
        }

        void shootCropped(String name, int w, int h) throws IOException, InterruptedException {
            capture(List.of("import", "-window", "root", "-crop", w + "x" + h + "+0+0", "+repage", out.resolve(name).toString()));
        }

        private void capture(List<String> command) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(command).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed with exit code " + p.exitValue());
            }
            System.out.println("captured " + command.get(command.size() - 1));
        }
    }

    /** Runs {@code c} on the FX thread and waits for it; never call it from the FX thread (a condition). */
    static <T> T fx(Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }

    /** Waits for redraws; {@code -Drmel.screenshots.slow=2} doubles every pause on a slow machine. */
    static void pause(long millis) throws InterruptedException {
        Thread.sleep((long) (millis * Double.parseDouble(System.getProperty("rmel.screenshots.slow", "1"))));
    }

    static void waitUntil(String what, Callable<Boolean> condition, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < deadline) {
            if (fx(condition)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("timed out waiting until " + what);
    }
}
