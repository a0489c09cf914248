package org.rmel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class ThemeTest {
    private final Preferences prefs = Preferences.userRoot().node("rmel-test/" + UUID.randomUUID());

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        prefs.removeNode();
    }

    @Test
    void darkToggleSwapsTheStylesheetAndIsRemembered() throws Exception {
        FxToolkit.registerPrimaryStage();
        Stage stage = WaitForAsyncUtils.asyncFx(() -> {
            Stage s = new Stage();
            s.setScene(new Scene(new Pane(), 200, 100));
            Theme.decorate(s, prefs);
            return s;
        }).get(10, TimeUnit.SECONDS);
        assertTrue(stage.getScene().getStylesheets().contains(Theme.LIGHT.stylesheet()));
        assertEquals(6, stage.getIcons().size());
        CheckMenuItem dark = WaitForAsyncUtils.asyncFx(() -> Theme.darkToggle(stage, prefs)).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.asyncFx(() -> dark.setSelected(true)).get(10, TimeUnit.SECONDS);
        assertTrue(stage.getScene().getStylesheets().contains(Theme.DARK.stylesheet()));
        assertFalse(stage.getScene().getStylesheets().contains(Theme.LIGHT.stylesheet()));
        assertEquals(Theme.DARK, Theme.remembered(prefs));
    }
}
