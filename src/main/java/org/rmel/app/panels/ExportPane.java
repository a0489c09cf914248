package org.rmel.app.panels;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.FlowPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.rmel.figures.Figure;
import org.rmel.figures.FigureSize;
import org.rmel.figures.FigureStyle;
import org.rmel.figures.FontPreset;
import org.rmel.figures.Numbers;
import org.rmel.figures.Venue;
import org.rmel.figures.export.ExportSettings;
import org.rmel.figures.export.FigureFiles;

/**
 * The export controls under every chart: the venue (ICML, ACL, NeurIPS, IEEE, a generic two-column
 * article, or a custom width in inches) and whether the figure spans one column or the full text
 * width, height, text size (the venue's, or a preset) and font, format (PDF, SVG, PNG at a DPI, or
 * the data as CSV). The figure is rebuilt with the export style by the same factory the screen uses;
 * settings are remembered in the workbench preferences. After an export the status line says what
 * the size made the figure leave out (for the caption).
 */
final class ExportPane {
    private static final String CUSTOM = "custom";
    private static final String COLUMN = "one column";
    private static final String FULL = "full text width";

    private final TitledPane node;
    private final ChoiceBox<String> venue = new ChoiceBox<>();
    private final ChoiceBox<String> span = new ChoiceBox<>();
    private final Spinner<Double> width = new Spinner<>(0.5, 40, Venue.TWO_COLUMN.columnIn(), 0.05);
    private final Spinner<Double> height = new Spinner<>(0, 40, 0, 0.1);
    private final Spinner<Integer> dpi = new Spinner<>(10, 2400, 300, 50);
    private final ChoiceBox<String> format = new ChoiceBox<>();
    private final ChoiceBox<FontPreset> font = new ChoiceBox<>();
    private final ChoiceBox<FigureStyle.SizePreset> textSize = new ChoiceBox<>();
    private final Label status = new Label();
    private final Button exportButton = new Button("Export…");
    private final Function<FigureStyle, Figure> factory;
    private final String baseName;
    private final Preferences prefs;
    private final Executor background;
    private final Supplier<Window> owner;

    ExportPane(String id, String baseName, Function<FigureStyle, Figure> factory, Preferences prefs, Executor background,
            Supplier<Window> owner) {
        this.factory = factory;
        this.baseName = baseName;
        this.prefs = prefs;
        this.background = background;
        this.owner = owner;
        for (Venue v : Venue.values()) {
            venue.getItems().add(v.id());
        }
        venue.getItems().add(CUSTOM);
        venue.setConverter(new StringConverter<>() {
            @Override
            public String toString(String id) {
                return id == null ? "" : id.equals(CUSTOM) ? "custom width" : Venue.parse(id).label();
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        venue.setId(id + "-venue");
        span.getItems().setAll(COLUMN, FULL);
        span.setId(id + "-span");
        format.getItems().setAll("pdf", "svg", "png", "csv");
        font.getItems().setAll(FontPreset.values());
        textSize.getItems().setAll(FigureStyle.SizePreset.VENUE, FigureStyle.SizePreset.PAPER, FigureStyle.SizePreset.PAPER_LARGE,
                FigureStyle.SizePreset.SLIDES);
        textSize.setConverter(new StringConverter<>() {
            @Override
            public String toString(FigureStyle.SizePreset p) {
                if (p == FigureStyle.SizePreset.VENUE) {
                    Venue v = chosenVenue();
                    return "venue's (" + Numbers.brief(v == null ? p.basePt : v.figureBasePt()) + " pt)";
                }
                return p == null ? "" : p.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " (" + p.basePt + " pt)";
            }

            @Override
            public FigureStyle.SizePreset fromString(String s) {
                return null;
            }
        });
        for (Spinner<?> s : List.of(width, height, dpi)) {
            s.setEditable(true);
            s.setPrefWidth(90);
        }
        apply(ExportSettings.load(prefs));
        venue.valueProperty().addListener((o, a, b) -> followVenue());
        span.valueProperty().addListener((o, a, b) -> followVenue());
        format.valueProperty().addListener((o, a, b) -> dpi.setDisable(!"png".equals(b)));
        dpi.setDisable(!"png".equals(format.getValue()));
        Button export = exportButton;
        export.setId(id + "-export");
        export.setOnAction(e -> chooseAndExport());
        FlowPane row = new FlowPane(8, 6, new Label("venue"), venue, span, new Label("width (in)"), width,
                new Label("height (0 = auto; text figures size themselves)"), height,
                new Label("text"), textSize, font, new Label("format"), format, new Label("DPI"), dpi, export, status);
        row.setPadding(new Insets(6));
        node = new TitledPane("Export figure", row);
        node.setId(id);
        node.setExpanded(false);
    }

    TitledPane node() {
        return node;
    }

    /** Enables or disables the Export button (a panel with nothing to export disables it). */
    void setExportable(boolean exportable) {
        exportButton.setDisable(!exportable);
    }

    Button exportButton() {
        return exportButton;
    }

    ExportSettings settings() {
        return new ExportSettings(chosenVenue(), FULL.equals(span.getValue()), width.getValue(), height.getValue(),
                dpi.getValue(), format.getValue(), font.getValue(), textSize.getValue());
    }

    private Venue chosenVenue() {
        String v = venue.getValue();
        return v == null || v.equals(CUSTOM) ? null : Venue.parse(v);
    }

    /** A venue fixes the width (shown, not editable) and the meaning of the venue text size. */
    private void followVenue() {
        Venue v = chosenVenue();
        width.setDisable(v != null);
        span.setDisable(v == null);
        if (v != null) {
            width.getValueFactory().setValue(v.widthIn(FULL.equals(span.getValue())));
        }
        FigureStyle.SizePreset size = textSize.getValue();
        textSize.setValue(null); // re-renders the "venue's (8 pt)" entry for the new venue
        textSize.setValue(size);
    }

    void apply(ExportSettings s) {
        venue.setValue(s.venue() == null ? CUSTOM : s.venue().id());
        span.setValue(s.fullWidth() ? FULL : COLUMN);
        width.getValueFactory().setValue(s.widthIn());
        followVenue();
        height.getValueFactory().setValue(s.heightIn());
        dpi.getValueFactory().setValue(s.dpi());
        format.setValue(s.format());
        font.setValue(s.font());
        textSize.setValue(s.textSize());
    }

    private void chooseAndExport() {
        FileChooser chooser = new FileChooser();
        String ext = format.getValue();
        chooser.setInitialFileName(baseName + "." + ext);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext.toUpperCase(Locale.ROOT), "*." + ext));
        File initial = SaveLocation.initialDirectory(prefs);
        if (initial != null) {
            chooser.setInitialDirectory(initial);
        }
        File f = chooser.showSaveDialog(owner.get());
        if (f != null) {
            SaveLocation.remember(prefs, f);
            export(f.toPath());
        }
    }

    /** Writes the figure off the FX thread; the future completes after the status line is updated. */
    CompletableFuture<FigureSize> export(Path out) {
        ExportSettings s = settings();
        s.save(prefs);
        status.setText("writing " + out.getFileName() + "…");
        CompletableFuture<FigureSize> done = new CompletableFuture<>();
        background.execute(() -> {
            try {
                Figure figure = factory.apply(s.style());
                FigureSize size = FigureFiles.write(figure, s, out);
                List<String> notes = size == null ? List.of() : figure.notes();
                Platform.runLater(() -> {
                    status.setText((size == null ? "wrote data to " + out
                            : String.format(Locale.ROOT, "wrote %s (%.2f × %.2f in)", out, size.widthIn(), size.heightIn()))
                            + (notes.isEmpty() ? "" : "\nfor the caption: " + String.join("; ", notes)));
                    done.complete(size);
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> {
                    status.setText("export failed: " + e.getMessage());
                    done.completeExceptionally(e);
                });
            }
        });
        return done;
    }

    Label status() {
        return status;
    }
}
