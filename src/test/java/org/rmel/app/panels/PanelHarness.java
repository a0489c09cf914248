package org.rmel.app.panels;

import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.rmel.app.Theme;
import org.rmel.app.WorkbenchContext;
import org.rmel.app.WorkbenchPanel;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** One panel in a real (headless) stage with its own executor and a throw-away preferences node. */
final class PanelHarness<P extends WorkbenchPanel> implements AutoCloseable {
    final ExecutorService background = Executors.newFixedThreadPool(2);
    final Preferences prefs = Preferences.userRoot().node("rmel-test/" + UUID.randomUUID());
    final P panel;
    final Stage stage;

    PanelHarness(Function<WorkbenchContext, P> factory) throws Exception {
        FxToolkit.registerPrimaryStage();
        WorkbenchContext ctx = new WorkbenchContext(background, () -> null, prefs);
        panel = WaitForAsyncUtils.asyncFx(() -> factory.apply(ctx)).get(10, TimeUnit.SECONDS);
        stage = WaitForAsyncUtils.asyncFx(() -> {
            Stage s = new Stage();
            Scene scene = new Scene((javafx.scene.Parent) panel.view(), 1400, 900);
            Theme.LIGHT.apply(scene);
            s.setScene(scene);
            s.show();
            return s;
        }).get(10, TimeUnit.SECONDS);
    }

    void fx(Runnable r) throws Exception {
        WaitForAsyncUtils.asyncFx(r).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    <T> T fxGet(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    void waitFor(BooleanSupplier condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Override
    public void close() throws Exception {
        FxToolkit.setupFixture(stage::close);
        FxToolkit.cleanupStages();
        background.shutdownNow();
        try {
            prefs.removeNode();
        } catch (BackingStoreException ignored) {
            // a leftover test node in the user's preferences is harmless
        }
    }
}
