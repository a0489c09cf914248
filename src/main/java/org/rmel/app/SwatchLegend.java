package org.rmel.app;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Shape;
import javafx.scene.shape.StrokeLineCap;
import org.rmel.figures.FigureStyle;
import org.rmel.figures.SeriesLook;
import org.rmel.figures.charts.LegendKey;

/**
 * A chart legend as a row of JavaFX swatches above or below the charts, the same entries as the
 * exported figure's legend: it wraps instead of shrinking a plot, however many runs are selected.
 * Each entry carries the style class {@code legend-entry} and its label as user data, for tests.
 */
public final class SwatchLegend {
    private SwatchLegend() {
    }

    public static FlowPane create() {
        FlowPane pane = new FlowPane(14, 4);
        pane.setPadding(new Insets(2, 8, 2, 8));
        pane.setAlignment(Pos.CENTER_LEFT);
        pane.getStyleClass().add("swatch-legend");
        return pane;
    }

    /** Replaces the entries of {@code pane} (from {@link #create}). */
    public static void show(FlowPane pane, List<LegendKey> keys, FigureStyle style) {
        pane.getChildren().setAll(keys.stream().map(k -> entry(k, style)).toList());
        pane.setVisible(!keys.isEmpty());
        pane.setManaged(!keys.isEmpty());
    }

    static Node entry(LegendKey k, FigureStyle style) {
        Node swatch = switch (k.swatch()) {
            case BOX -> {
                Rectangle r = new Rectangle(11, 11, fx(SeriesLook.barFill(style, k.color(), k.variant())));
                r.setStroke(fx(k.color()));
                yield r;
            }
            case LINE, LINE_MARKER -> {
                Line l = new Line(0, 0, 24, 0);
                l.setStroke(fx(k.color()));
                l.setStrokeWidth(2);
                l.setStrokeLineCap(StrokeLineCap.BUTT);
                float[] dashes = SeriesLook.dashes(k.variant());
                if (dashes != null) {
                    for (float d : dashes) {
                        l.getStrokeDashArray().add(d * 2.0);
                    }
                }
                yield l;
            }
        };
        Label label = new Label(k.label());
        label.setTooltip(new Tooltip(k.label()));
        HBox box = new HBox(5, swatch, label);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("legend-entry");
        box.setUserData(k);
        return box;
    }

    /** The swatch's colour, for tests: the fill of a box, the stroke of a line. */
    public static Color colorOf(Node entry) {
        Node swatch = ((HBox) entry).getChildren().get(0);
        return (Color) ((Shape) swatch).getStroke();
    }

    public static Color fx(java.awt.Color c) {
        return Color.rgb(c.getRed(), c.getGreen(), c.getBlue(), c.getAlpha() / 255.0);
    }
}
