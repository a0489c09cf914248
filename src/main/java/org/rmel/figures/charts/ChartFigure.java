package org.rmel.figures.charts;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.rmel.figures.Figure;
import org.rmel.figures.FigureLayout;
import org.rmel.figures.FigureSize;
import org.rmel.figures.FigureStyle;
import org.rmel.figures.tables.CsvTable;

/**
 * A JFreeChart together with the full-resolution data it was built from, its legend entries (drawn
 * once for the whole figure by {@link GridFigure}, or as JavaFX swatches on screen, never inside
 * the chart where it would eat the plot) and what it needs to stay legible: a minimum width, the
 * shorter forms of its axis labels, and fitting steps that run once the plot's size is known.
 */
public final class ChartFigure implements Figure {
    private final JFreeChart chart;
    private final List<CsvTable> data;
    private final FigureStyle style;
    private final List<LegendKey> legend;
    private final Map<Axis, List<String>> labelVariants = new IdentityHashMap<>();
    /** The labels as built, restored before each drawing (a narrower drawing may have shortened them). */
    private final Map<Axis, String> originalLabels = new IdentityHashMap<>();
    private final List<BiConsumer<PlotRenderingInfo, FontRenderContext>> fitters = new ArrayList<>();
    private final List<Runnable> resets = new ArrayList<>();
    private boolean legendAlways;
    private double minWidthPt = 2.0 * 72;
    private double aspect = 0.68;
    private double minHeightPt = 1.45 * 72;
    private List<Note> notes = List.of();

    public ChartFigure(JFreeChart chart, List<CsvTable> data, FigureStyle style, List<LegendKey> legend) {
        this.chart = chart;
        this.data = List.copyOf(data);
        this.style = style;
        this.legend = List.copyOf(legend);
        if (chart.getLegend() != null) {
            chart.removeLegend();
        }
    }

    /** A chart whose own legend (if any) becomes the figure's legend entries, drawn as boxes. */
    public ChartFigure(JFreeChart chart, List<CsvTable> data) {
        this(chart, data, styleOf(chart), keysOf(chart));
    }

    private static FigureStyle styleOf(JFreeChart chart) {
        LegendTitle l = chart.getLegend();
        Font f = l == null ? null : l.getItemFont();
        return f == null ? FigureStyle.paper() : FigureStyle.paper().withBasePt(f.getSize2D());
    }

    private static List<LegendKey> keysOf(JFreeChart chart) {
        if (chart.getLegend() == null) {
            return List.of();
        }
        List<LegendKey> keys = new ArrayList<>();
        LegendItemCollection items = chart.getPlot().getLegendItems();
        for (int i = 0; i < items.getItemCount(); i++) {
            LegendItem it = items.get(i);
            java.awt.Paint p = it.getFillPaint();
            keys.add(new LegendKey(it.getLabel(), p instanceof java.awt.Color c ? c : java.awt.Color.GRAY,
                    LegendKey.Swatch.BOX, 0));
        }
        return keys;
    }

    /** The chart itself, for a JavaFX {@code ChartViewer} on screen. */
    public JFreeChart chart() {
        return chart;
    }

    public FigureStyle style() {
        return style;
    }

    public List<LegendKey> legend() {
        return legend;
    }

    /** Whether the legend is drawn even when it has a single entry (it explains shades, not runs). */
    public boolean legendAlways() {
        return legendAlways;
    }

    public ChartFigure legendAlways(boolean always) {
        this.legendAlways = always;
        return this;
    }

    /** The narrowest this panel can be drawn legibly; a grid stacks panels rather than go below it. */
    public double minWidthPt() {
        return minWidthPt;
    }

    public ChartFigure minWidthPt(double pt) {
        this.minWidthPt = pt;
        return this;
    }

    /** Natural height as a share of the width, and the least height that stays legible. */
    public ChartFigure proportions(double heightOverWidth, double minHeight) {
        this.aspect = heightOverWidth;
        this.minHeightPt = minHeight;
        return this;
    }

    /** Shorter forms of an axis label, tried in order when the long one is wider than the plot. */
    public ChartFigure labelVariants(Axis axis, String... shorter) {
        List<String> all = new ArrayList<>();
        all.add(axis.getLabel());
        all.addAll(List.of(shorter));
        labelVariants.put(axis, all);
        return this;
    }

    /** A step run before each trial layout: undoes what a fitting step changed for another size. */
    ChartFigure beforeTrial(Runnable reset) {
        resets.add(reset);
        return this;
    }

    /** A step run after a trial layout, with the plot's real size known, before the chart is drawn. */
    ChartFigure fitter(BiConsumer<PlotRenderingInfo, FontRenderContext> step) {
        fitters.add(step);
        return this;
    }

    @Override
    public double naturalHeightPt(double widthPt) {
        return naturalHeightPt(widthPt, 1.0);
    }

    /** The natural height with the aspect scaled (panels stacked in one column are kept flatter). */
    double naturalHeightPt(double widthPt, double aspectScale) {
        return Math.max(minHeightPt, Math.min(widthPt * aspect * aspectScale, FigureSize.MAX_CHART_HEIGHT_IN * 72))
                + wrappedSubtitlePt(widthPt);
    }

    /**
     * The height a long subtitle (e.g. the definition under a difficulty panel's title) takes beyond
     * its first line when it wraps at this width, twice over: added to the chart's height so the plot
     * keeps its share of it.
     */
    private double wrappedSubtitlePt(double widthPt) {
        FontRenderContext frc = new FontRenderContext(null, true, true);
        double extra = 0;
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            if (chart.getSubtitle(i) instanceof org.jfree.chart.title.TextTitle t && t.getText() != null && t.getFont() != null) {
                double textWidth = t.getFont().getStringBounds(t.getText(), frc).getWidth();
                // word wrapping leaves lines short of the full width
                int lines = (int) Math.ceil(textWidth / Math.max(1, widthPt * 0.75));
                extra += Math.max(0, lines - 1) * t.getFont().getSize2D() * 1.25;
            }
        }
        // the plot gets what the text does not take: twice the text keeps the plot's share of the chart
        return 2 * extra;
    }

    /** With its legend below, as one figure. */
    @Override
    public void draw(Graphics2D g, Rectangle2D areaPt) {
        GridFigure.of(this).draw(g, areaPt);
    }

    @Override
    public void draw(Graphics2D g, Rectangle2D areaPt, FigureLayout layout) {
        GridFigure.of(this).draw(g, areaPt, layout);
    }

    @Override
    public List<String> notes() {
        return merge(notes);
    }

    List<Note> rawNotes() {
        return notes;
    }

    /**
     * Draws the chart alone (no legend) into {@code area}: a trial layout on a scratch canvas with
     * the same font metrics finds the plot's size, axis labels are shortened where wider than it
     * and the fitting steps run, then the chart is drawn for real.
     */
    void drawChart(Graphics2D g, Rectangle2D area, FigureLayout layout) {
        boolean notify = chart.isNotify();
        chart.setNotify(false);
        try {
            labelVariants.forEach((axis, variants) -> axis.setLabel(variants.get(0)));
            axes().forEach(a -> originalLabels.putIfAbsent(a, a.getLabel()));
            originalLabels.forEach(Axis::setLabel);
            resets.forEach(Runnable::run);
            ChartRenderingInfo trial = new ChartRenderingInfo();
            Graphics2D scratch = scratch(g);
            try {
                chart.draw(scratch, area, trial);
            } finally {
                scratch.dispose();
            }
            FontRenderContext frc = g.getFontRenderContext();
            fitLabels(trial.getPlotInfo(), frc);
            for (BiConsumer<PlotRenderingInfo, FontRenderContext> f : fitters) {
                f.accept(trial.getPlotInfo(), frc);
            }
            ChartRenderingInfo info = new ChartRenderingInfo();
            chart.draw(g, area, info);
            notes = collectNotes(chart.getPlot());
            if (layout != null) {
                String owner = chart.getTitle() == null ? "" : chart.getTitle().getText();
                layout.add(FigureLayout.Kind.CELL, owner, area);
                PlotRenderingInfo p = info.getPlotInfo();
                if (p.getSubplotCount() > 0) {
                    for (int i = 0; i < p.getSubplotCount(); i++) {
                        layout.add(FigureLayout.Kind.PLOT, owner, p.getSubplotInfo(i).getDataArea());
                    }
                } else {
                    layout.add(FigureLayout.Kind.PLOT, owner, p.getDataArea());
                }
            }
        } finally {
            chart.setNotify(notify);
        }
    }

    /** A 1×1 canvas with the target's hints and transform: the same font metrics, nothing kept. */
    private static Graphics2D scratch(Graphics2D like) {
        Graphics2D s = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        s.setRenderingHints(like.getRenderingHints());
        s.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, like.getFontRenderContext().usesFractionalMetrics()
                ? RenderingHints.VALUE_FRACTIONALMETRICS_ON : RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
        s.setTransform(like.getTransform());
        return s;
    }

    /**
     * Every axis label that is longer than its plot side is replaced by its first shorter form that
     * fits (registered variants, then the label without its parenthesis), else shortened in the middle.
     */
    private void fitLabels(PlotRenderingInfo info, FontRenderContext frc) {
        for (Axis axis : axes()) {
            if (axis.getLabel() == null || axis.getLabel().isEmpty()) {
                continue;
            }
            Rectangle2D area = dataAreaOf(axis, info);
            if (area == null) {
                continue;
            }
            List<String> variants = new ArrayList<>(labelVariants.getOrDefault(axis, List.of(axis.getLabel())));
            String bare = withoutParenthesis(variants.get(0));
            if (!variants.contains(bare)) {
                variants.add(1, bare);
            }
            double room = (isVertical(axis) ? area.getHeight() : area.getWidth()) * 0.98;
            Font f = axis.getLabelFont();
            String chosen = null;
            for (String v : variants) {
                if (TextFit.width(v, f, frc) <= room) {
                    chosen = v;
                    break;
                }
            }
            axis.setLabel(chosen != null ? chosen : TextFit.middle(variants.get(variants.size() - 1), f, frc, room));
            if (axis.getLabel().isEmpty()) {
                axis.setLabel(null);
            }
        }
    }

    /** "all-negative frequency (difficulty)" → "all-negative frequency". */
    public static String withoutParenthesis(String label) {
        int p = label.indexOf(" (");
        return p > 0 && label.endsWith(")") ? label.substring(0, p) : label;
    }

    private List<Axis> axes() {
        List<Axis> out = new ArrayList<>();
        Plot plot = chart.getPlot();
        if (plot instanceof CombinedDomainXYPlot c) {
            out.add(c.getDomainAxis());
            c.getSubplots().forEach(sub -> out.add(sub.getRangeAxis()));
        } else if (plot instanceof XYPlot xy) {
            out.add(xy.getDomainAxis());
            out.add(xy.getRangeAxis());
        } else if (plot instanceof CategoryPlot cat) {
            out.add(cat.getDomainAxis());
            out.add(cat.getRangeAxis());
        }
        out.removeIf(java.util.Objects::isNull);
        return out;
    }

    private boolean isVertical(Axis axis) {
        Plot plot = chart.getPlot();
        if (plot instanceof CombinedDomainXYPlot c) {
            return axis != c.getDomainAxis();
        }
        if (plot instanceof XYPlot xy) {
            return axis != xy.getDomainAxis();
        }
        if (plot instanceof CategoryPlot cat) {
            return axis != cat.getDomainAxis();
        }
        return false;
    }

    private Rectangle2D dataAreaOf(Axis axis, PlotRenderingInfo info) {
        Plot plot = chart.getPlot();
        if (plot instanceof CombinedDomainXYPlot c && axis != c.getDomainAxis()) {
            List<XYPlot> subs = c.getSubplots();
            for (int i = 0; i < subs.size() && i < info.getSubplotCount(); i++) {
                if (subs.get(i).getRangeAxis() == axis) {
                    return info.getSubplotInfo(i).getDataArea();
                }
            }
            return null;
        }
        return info.getDataArea();
    }

    private static List<Note> collectNotes(Plot plot) {
        List<Note> out = new ArrayList<>();
        if (plot instanceof CategoryPlot cat) {
            for (int i = 0; i < cat.getRendererCount(); i++) {
                if (cat.getRenderer(i) instanceof Noting n) {
                    out.addAll(n.notes());
                }
            }
        } else if (plot instanceof CombinedDomainXYPlot c) {
            c.getSubplots().forEach(s -> out.addAll(collectNotes(s)));
        } else if (plot instanceof XYPlot xy) {
            for (int i = 0; i < xy.getRendererCount(); i++) {
                if (xy.getRenderer(i) instanceof Noting n) {
                    out.addAll(n.notes());
                }
            }
            xy.getAnnotations().forEach(a -> {
                if (a instanceof Noting n) {
                    out.addAll(n.notes());
                }
            });
        }
        return out;
    }

    @Override
    public List<CsvTable> data() {
        return data;
    }

    /** A renderer or annotation that can report what it left out at the size it was drawn. */
    interface Noting {
        List<Note> notes();
    }

    /** {@code omitted} of {@code total} {@code what} were left out, because {@code why}. */
    record Note(String what, int omitted, int total, String why) {
        Note plus(Note other) {
            return new Note(what, omitted + other.omitted, total + other.total, why);
        }

        String text() {
            return omitted + " of " + total + " " + what + " left out: " + why;
        }
    }

    /** Notes of the same kind added up, in words. */
    static List<String> merge(List<Note> notes) {
        Map<String, Note> byKind = new java.util.LinkedHashMap<>();
        for (Note n : notes) {
            byKind.merge(n.what() + "|" + n.why(), n, Note::plus);
        }
        return byKind.values().stream().map(Note::text).toList();
    }
}
