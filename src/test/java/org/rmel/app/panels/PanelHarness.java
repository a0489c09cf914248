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
    /**
     * How long an FX call may take before the test calls it hung. Not a speed check: every wait
     * returns as soon as the call is done. The first panel of a test JVM pays for the toolkit's
     * warm-up (CSS, fonts, software rendering, cold JIT), which took over 10 s once with the load
     * average at 20 on two cores (DifficultyPanelTest, the suite's first panel test).
     */
    static final int HANG_SECONDS = 60;

    final ExecutorService background = Executors.newFixedThreadPool(2);
    final Preferences prefs = Preferences.userRoot().node("rmel-test/" + UUID.randomUUID());
    final P panel;
    final Stage stage;

    PanelHarness(Function<WorkbenchContext, P> factory) throws Exception {
        FxToolkit.registerPrimaryStage();
        WorkbenchContext ctx = new WorkbenchContext(background, () -> null, prefs);
        panel = WaitForAsyncUtils.asyncFx(() -> factory.apply(ctx)).get(HANG_SECONDS, TimeUnit.SECONDS);
        stage = WaitForAsyncUtils.asyncFx(() -> {
            Stage s = new Stage();
            Scene scene = new Scene((javafx.scene.Parent) panel.view(), 1400, 900);
            Theme.LIGHT.apply(scene);
            s.setScene(scene);
            s.show();
            return s;
        }).get(HANG_SECONDS, TimeUnit.SECONDS);
    }

    void fx(Runnable r) throws Exception {
        WaitForAsyncUtils.asyncFx(r).get(HANG_SECONDS, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    <T> T fxGet(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(HANG_SECONDS, TimeUnit.SECONDS);
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
