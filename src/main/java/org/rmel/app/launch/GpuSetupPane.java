package org.rmel.app.launch;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.rmel.base.BadInputException;
import org.rmel.gpu.CudaLibtorch;
import org.rmel.gpu.LibtorchLocator;
import org.rmel.launch.SubcommandRun;

/**
 * Beside the New Run dialog's device choice on a GPU machine: whether the CUDA build of libtorch is
 * installed, and a button that runs {@code gpu setup} (a child process) with its progress.
 */
final class GpuSetupPane {
    private static final Pattern PROGRESS = Pattern.compile("progress (\\d+)% (.*)");

    private final Label status = new Label();
    private final Button setUp = new Button("Set up CUDA…");
    private final ProgressBar bar = new ProgressBar(0);
    private final HBox node = new HBox(6, status, setUp, bar);
    private final Executor background;
    private final Runnable onInstalled;

    GpuSetupPane(Executor background, Runnable onInstalled) {
        this.background = background;
        this.onInstalled = onInstalled;
        node.setId("gpu-setup");
        status.setId("gpu-setup-status");
        setUp.setId("gpu-setup-button");
        setUp.setTooltip(new Tooltip("Downloads the CUDA build of libtorch " + CudaLibtorch.VERSION + " ("
                + CudaLibtorch.FLAVOR + ", several GB with its CUDA libraries) into " + CudaLibtorch.defaultInstallDir()
                + ", as 'rmel gpu setup' does"));
        bar.setVisible(false);
        bar.setManaged(false);
        bar.setPrefWidth(120);
        setUp.setOnAction(e -> start());
        refresh();
    }

    HBox node() {
        return node;
    }

    /** Whether a CUDA libtorch would be used (reads files only). */
    static boolean installed() {
        try {
            return LibtorchLocator.system().cuda().map(LibtorchLocator.Found::cuda).orElse(false);
        } catch (BadInputException e) {
            return false;
        }
    }

    private void refresh() {
        boolean ok = installed();
        status.setText(ok ? "CUDA libtorch " + CudaLibtorch.VERSION + " installed" : "CUDA libtorch not installed");
        setUp.setVisible(!ok);
        setUp.setManaged(!ok);
    }

    private void start() {
        setUp.setDisable(true);
        bar.setVisible(true);
        bar.setManaged(true);
        bar.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        status.setText("setting up…");
        background.execute(() -> {
            String[] last = {""};
            int code;
            try {
                code = SubcommandRun.run("gpu", List.of("setup", "--progress", "lines"), line -> {
                    last[0] = line;
                    Matcher m = PROGRESS.matcher(line);
                    if (m.matches()) {
                        double f = Integer.parseInt(m.group(1)) / 100.0;
                        Platform.runLater(() -> bar.setProgress(f));
                    }
                });
            } catch (Exception e) {
                code = -1;
                last[0] = "error: " + e.getMessage();
            }
            int exit = code;
            Platform.runLater(() -> {
                bar.setVisible(false);
                bar.setManaged(false);
                setUp.setDisable(false);
                refresh();
                if (exit != 0) {
                    status.setText("set-up failed: " + last[0].replaceFirst("^error: ", ""));
                    status.setTooltip(new Tooltip(last[0]));
                } else {
                    onInstalled.run();
                }
            });
        });
    }
}
