package org.rmel.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.PropertyValueFactory;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Both themes keep text readable where modena's defaults did not in the dark one: a selected row
 * of a table that has lost focus, a field's prompt text, a table's placeholder. Measured as WCAG
 * contrast ratios of the colours the stylesheets give the real controls.
 */
class DarkThemeTest {
    /** A row with one text column, for the table. */
    public static final class Item {
        private final String name;

        public Item(String name) {
            this.name = name;
        }

        public String getName() {
            return name;
        }
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    static double luminance(Color c) {
        double[] rgb = {c.getRed(), c.getGreen(), c.getBlue()};
        for (int i = 0; i < 3; i++) {
            rgb[i] = rgb[i] <= 0.03928 ? rgb[i] / 12.92 : Math.pow((rgb[i] + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    }

    static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    /** The colour painted last behind a region, looking up the parents where it is transparent. */
    static Color background(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p instanceof Region r) {
                Background bg = r.getBackground();
                if (bg != null && !bg.getFills().isEmpty()) {
                    BackgroundFill last = bg.getFills().get(bg.getFills().size() - 1);
                    Paint paint = last.getFill();
                    if (paint instanceof Color c && c.getOpacity() > 0.5) {
                        return c;
                    }
                }
            }
        }
        return Color.WHITE;
    }

    @ParameterizedTest
    @EnumSource(Theme.class)
    void selectedRowsPromptsAndPlaceholdersAreReadable(Theme theme) throws Exception {
        FxToolkit.registerPrimaryStage();
        TableView<Item> table = new TableView<>(FXCollections.observableArrayList(new Item("r-mel_seed-1"), new Item("mel")));
        TableColumn<Item, String> name = new TableColumn<>("run");
        name.setCellValueFactory(new PropertyValueFactory<>("name"));
        table.getColumns().add(name);
        TableView<Item> empty = new TableView<>();
        empty.getColumns().add(new TableColumn<>("run"));
        TextField search = new TextField();
        search.setPromptText("search revisions");
        Button elsewhere = new Button("focus");
        Stage stage = WaitForAsyncUtils.asyncFx(() -> {
            Stage s = new Stage();
            Scene scene = new Scene(new VBox(8, elsewhere, search, table, empty), 500, 500);
            theme.apply(scene);
            s.setScene(scene);
            s.show();
            table.getSelectionModel().select(0);
            elsewhere.requestFocus();
            return s;
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        double[] ratios = WaitForAsyncUtils.asyncFx(() -> {
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            assertTrue(!table.isFocused(), "the table has lost the focus");
            TableRow<?> row = (TableRow<?>) table.lookupAll(".table-row-cell").stream()
                    .filter(n -> n instanceof TableRow<?> r && r.getIndex() == 0).findFirst().orElseThrow();
            assertTrue(row.isSelected());
            javafx.scene.control.TableCell<?, ?> cell = (javafx.scene.control.TableCell<?, ?>) row.lookup(".table-cell");
            Color text = (Color) cell.getTextFill();
            Color rowBg = background(cell);
            javafx.scene.text.Text promptNode = search.lookupAll("Text").stream()
                    .filter(n -> n instanceof javafx.scene.text.Text t && "search revisions".equals(t.getText()))
                    .map(javafx.scene.text.Text.class::cast).findFirst().orElseThrow();
            Color prompt = (Color) promptNode.getFill();
            Color fieldBg = background(search);
            Label placeholder = (Label) empty.lookup(".placeholder .label");
            Color placeholderText = (Color) placeholder.getTextFill();
            Color placeholderBg = background(placeholder);
            return new double[] {contrast(text, rowBg), contrast(prompt, fieldBg), contrast(placeholderText, placeholderBg)};
        }).get(10, TimeUnit.SECONDS);
        List<String> what = List.of("selected row of an unfocused table", "prompt text", "table placeholder");
        double[] needed = {4.5, 3.0, 4.5};
        System.out.printf(java.util.Locale.ROOT, "%s: contrast of selected unfocused row %.2f, prompt %.2f, placeholder %.2f%n",
                theme, ratios[0], ratios[1], ratios[2]);
        System.out.printf(java.util.Locale.ROOT, "%s: contrast of selected unfocused row %.2f, prompt %.2f, placeholder %.2f%n",
                theme, ratios[0], ratios[1], ratios[2]);
        for (int i = 0; i < 3; i++) {
            assertTrue(ratios[i] >= needed[i], theme + ": " + what.get(i) + " contrast " + ratios[i] + " < " + needed[i]);
        }
    }
}
