package org.rmel.app;

import java.net.URL;
import java.util.List;
import java.util.Objects;
import java.util.prefs.Preferences;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/**
 * The workbench's light and dark stylesheets and its icon, loaded from the classpath where the
 * Maven resource entry copies {@code assets/} (under {@code org/rmel/assets/}).
 */
public enum Theme {
    LIGHT("light.css"), DARK("dark.css");

    private static final String ASSETS = "/org/rmel/assets/";
    private static final int[] ICON_SIZES = {16, 32, 48, 64, 128, 256};

    private final String file;

    Theme(String file) {
        this.file = file;
    }

    public String stylesheet() {
        URL url = Objects.requireNonNull(Theme.class.getResource(ASSETS + file), ASSETS + file + " missing from the classpath");
        return url.toExternalForm();
    }

    /** Replaces any workbench theme on the scene with this one. */
    public void apply(Scene scene) {
        for (Theme t : values()) {
            scene.getStylesheets().remove(t.stylesheet());
        }
        scene.getStylesheets().add(stylesheet());
    }

    /** The theme a scene shows (light when it has neither stylesheet, as in a bare test scene). */
    public static Theme of(Scene scene) {
        return scene != null && scene.getStylesheets().contains(DARK.stylesheet()) ? DARK : LIGHT;
    }

    /**
     * Calls {@code onChange} with the theme of the scene {@code node} is in, now and whenever the
     * node moves to another scene or the scene's theme is switched: charts drawn in Java2D follow
     * the stylesheets this way.
     */
    public static void watch(javafx.scene.Node node, java.util.function.Consumer<Theme> onChange) {
        javafx.collections.ListChangeListener<String> sheets = c -> onChange.accept(of(node.getScene()));
        node.sceneProperty().addListener((o, old, scene) -> {
            if (old != null) {
                old.getStylesheets().removeListener(sheets);
            }
            if (scene != null) {
                scene.getStylesheets().addListener(sheets);
            }
            onChange.accept(of(scene));
        });
        if (node.getScene() != null) {
            node.getScene().getStylesheets().addListener(sheets);
            onChange.accept(of(node.getScene()));
        }
    }

    public boolean dark() {
        return this == DARK;
    }

    /** The window icon in the sizes window managers pick from. */
    public static List<Image> icons() {
        return java.util.Arrays.stream(ICON_SIZES)
                .mapToObj(s -> new Image(Objects.requireNonNull(Theme.class.getResourceAsStream(ASSETS + "icon/rmel-" + s + ".png"))))
                .toList();
    }

    /** Icon and the theme remembered in {@code preferences} (light the first time). */
    public static void decorate(Stage stage, Preferences preferences) {
        stage.getIcons().setAll(icons());
        remembered(preferences).apply(stage.getScene());
    }

    public static Theme remembered(Preferences preferences) {
        return "dark".equals(preferences.node("view").get("theme", "light")) ? DARK : LIGHT;
    }

    /** A View-menu item that switches the stage between the light and dark stylesheets and remembers the choice. */
    public static CheckMenuItem darkToggle(Stage stage, Preferences preferences) {
        CheckMenuItem item = new CheckMenuItem("Dark Theme");
        item.setSelected(remembered(preferences) == DARK);
        item.selectedProperty().addListener((o, was, dark) -> {
            Theme t = dark ? DARK : LIGHT;
            preferences.node("view").put("theme", dark ? "dark" : "light");
            if (stage.getScene() != null) {
                t.apply(stage.getScene());
            }
        });
        return item;
    }
}
