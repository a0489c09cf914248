package org.rmel.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

class WorkbenchAppTest {
    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void windowOpensHeadless() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupApplication(WorkbenchApp.class);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertTrue(stage.isShowing());
        assertEquals("R-MEL Workbench", stage.getTitle());
    }
}
