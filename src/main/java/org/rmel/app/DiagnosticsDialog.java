package org.rmel.app;

import java.util.List;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Window;
import org.rmel.launch.SubcommandRun;

/**
 * Help → Diagnostics: the output of {@code rmel doctor} (Java, JavaFX, DJL, the libtorch that
 * loads, GPUs and driver, data folder, memory estimate), run as a child process so that loading
 * DJL and CUDA stays out of the window's process. Copy puts the text on the clipboard.
 */
final class DiagnosticsDialog {
    private DiagnosticsDialog() {
    }

    static Alert show(Window owner, Executor background) {
        TextArea text = new TextArea("running 'rmel doctor'…\n");
        text.setId("diagnostics-text");
        text.setEditable(false);
        text.setWrapText(false);
        text.setStyle("-fx-font-family: monospace;");
        text.setPrefSize(980, 420);
        ButtonType copy = new ButtonType("Copy");
        Alert alert = new Alert(Alert.AlertType.INFORMATION, "", copy, ButtonType.CLOSE);
        alert.initOwner(owner);
        alert.setTitle("Diagnostics");
        alert.setHeaderText("What this machine offers the workbench (rmel doctor)");
        alert.getDialogPane().setContent(text);
        alert.getDialogPane().setId("diagnostics");
        alert.getDialogPane().lookupButton(copy).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(text.getText());
            Clipboard.getSystemClipboard().setContent(c);
            e.consume();
        });
        background.execute(() -> {
            StringBuilder out = new StringBuilder();
            int code;
            try {
                code = SubcommandRun.run("doctor", List.of(), line -> {
                    if (!line.contains(" INFO ")) { // DJL's own log lines
                        out.append(line).append('\n');
                    }
                });
            } catch (Exception e) {
                code = -1;
                out.append("could not run doctor: ").append(e.getMessage()).append('\n');
            }
            int exit = code;
            Platform.runLater(() -> text.setText(out + (exit == 0 ? "" : "\n(doctor exited with " + exit + ")\n")));
        });
        alert.show();
        return alert;
    }
}
