package org.rmel.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmel.app.launch.NewRunDialog;
import org.rmel.app.library.Workspace;
import org.rmel.gpu.CudaLibtorch;
import org.rmel.gpu.StandInLibtorch;
import org.rmel.launch.TrainerCommand;
import org.rmel.testsupport.LocalHttpServer;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * On a GPU machine (a stand-in nvidia-smi) without the CUDA build: the New Run dialog offers the
 * GPU, refuses it until the CUDA build is there, and its button runs {@code gpu setup} (a real
 * child process, from a local stand-in of DJL's index) with its progress; Help → Diagnostics shows
 * doctor's report.
 */
class GpuSetupFromTheWindowTest {
    @TempDir
    Path tmp;

    private final Preferences preferences = Preferences.userRoot().node("rmel-test/" + UUID.randomUUID());
    private WorkbenchWindow window;
    private LocalHttpServer server;
    private String oldCache;

    @BeforeEach
    void setUp() throws Exception {
        FxToolkit.registerPrimaryStage();
        new Workspace(preferences).setFolder(tmp.resolve("workspace"));
        server = new LocalHttpServer();
        new StandInLibtorch(server);
        Path smi = tmp.resolve("nvidia-smi");
        Files.writeString(smi, String.join("\n", "#!/bin/sh", "case \"$*\" in",
                "  *index,name*) echo \"0, NVIDIA H100 80GB HBM3, 81559, 1024, 570.124.06\" ;;",
                "  *name,utilization*) echo \"NVIDIA H100 80GB HBM3, 3 %, 1024 MiB, 81559 MiB\" ;;",
                "  *) echo \"Driver Version: 570.124.06   CUDA Version: 12.8\" ;;", "esac", ""));
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        System.setProperty("rmel.nvidiaSmi", smi.toString());
        System.setProperty("rmel.libtorchIndex", StandInLibtorch.base(server).toString());
        oldCache = System.getProperty("DJL_CACHE_DIR");
        System.setProperty("DJL_CACHE_DIR", tmp.resolve("djl").toString());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (window != null) {
            FxToolkit.setupFixture(() -> window.stage().close());
        }
        FxToolkit.cleanupStages();
        preferences.removeNode();
        server.close();
        System.clearProperty("rmel.nvidiaSmi");
        System.clearProperty("rmel.libtorchIndex");
        if (oldCache != null) {
            System.setProperty("DJL_CACHE_DIR", oldCache);
        }
    }

    @Test
    void theDialogOffersTheGpuAndSetsUpItsLibtorch() throws Exception {
        window = WaitForAsyncUtils.asyncFx(() -> {
            WorkbenchWindow w = new WorkbenchWindow(new Stage(), preferences, TrainerCommand.ofCurrentJvm(), List.of());
            w.show();
            return w;
        }).get(30, TimeUnit.SECONDS);
        WorkbenchWindowTest.waitUntil("the GPU probe", () -> ((Label) window.stage().getScene().lookup("#gpu-status"))
                .getText().contains("H100"));
        NewRunDialog dialog = WorkbenchWindowTest.fx(window::showNewRunDialog);
        Node pane = dialog.dialog().getDialogPane();
        @SuppressWarnings("unchecked")
        ChoiceBox<String> device = (ChoiceBox<String>) pane.lookup("#field-device");
        assertTrue(WorkbenchWindowTest.fx(() -> device.getItems().contains("gpu")), "the GPU is offered");
        Label status = (Label) pane.lookup("#gpu-setup-status");
        assertTrue(WorkbenchWindowTest.fx(status::getText).contains("not installed"));
        WorkbenchWindowTest.fx(() -> {
            device.setValue("gpu");
            return null;
        });
        Label problem = (Label) pane.lookup("#problem-device");
        WorkbenchWindowTest.waitUntil("gpu refused without the CUDA build", () -> problem.getText().contains("needs CUDA libtorch"),
                problem::getText);

        Button setUp = (Button) pane.lookup("#gpu-setup-button");
        WorkbenchWindowTest.fx(() -> {
            setUp.fire();
            return null;
        });
        WorkbenchWindowTest.waitUntil("the set-up finished", () -> status.getText().contains("installed")
                && !status.getText().contains("not"), status::getText, 120);
        WorkbenchWindowTest.waitUntil("gpu accepted", () -> problem.getText().isEmpty(), problem::getText);
        assertTrue(Files.isRegularFile(tmp.resolve("djl/pytorch").resolve(CudaLibtorch.folderName()).resolve("libtorch_cuda.so")));
        WorkbenchWindowTest.fx(() -> {
            dialog.dialog().close();
            return null;
        });

        Alert diagnostics = WorkbenchWindowTest.fx(window::showDiagnostics);
        TextArea text = (TextArea) diagnostics.getDialogPane().lookup("#diagnostics-text");
        WorkbenchWindowTest.waitUntil("doctor's report", () -> text.getText().contains("data folder"), text::getText, 120);
        String report = WorkbenchWindowTest.fx(text::getText);
        assertTrue(report.contains("GPU 0") && report.contains("NVIDIA H100 80GB HBM3"), report);
        assertTrue(report.contains("from gpu setup") || report.contains("CUDA build"), report);
        WorkbenchWindowTest.fx(() -> {
            diagnostics.close();
            return null;
        });
    }
}
