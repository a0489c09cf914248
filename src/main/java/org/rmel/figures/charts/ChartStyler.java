package org.rmel.figures.charts;

import java.awt.Paint;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.rmel.figures.FigureStyle;

/**
 * Applies a {@link FigureStyle} to a JFreeChart: white background, light grid, no chart border,
 * fonts and palette from the style. One place, so screen and export cannot drift apart.
 */
final class ChartStyler {
    private ChartStyler() {
    }

    static JFreeChart style(JFreeChart chart, FigureStyle style) {
        chart.setBackgroundPaint(style.palette().role("background"));
        chart.setBorderVisible(false);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        double pad = style.basePt() * 0.4;
        chart.setPadding(new RectangleInsets(pad, pad, pad, pad));
        TextTitle title = chart.getTitle();
        if (title != null) {
            title.setFont(style.titleFont());
            title.setPaint(style.palette().role("text"));
        }
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            if (chart.getSubtitle(i) instanceof TextTitle t) {
                t.setPaint(style.palette().role("muted"));
            }
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(style.tickFont());
            legend.setFrame(BlockBorder.NONE);
            legend.setBackgroundPaint(null);
            legend.setPosition(RectangleEdge.BOTTOM);
        }
        styleAxes(chart.getPlot(), style);
        return chart;
    }

    private static void styleAxes(Plot plot, FigureStyle style) {
        Paint grid = style.palette().role("grid");
        plot.setBackgroundPaint(style.palette().role("background"));
        plot.setOutlinePaint(style.palette().role("muted"));
        plot.setOutlineStroke(style.thinStroke());
        if (plot instanceof CombinedDomainXYPlot combined) {
            for (XYPlot sub : combined.getSubplots()) {
                styleAxes(sub, style);
            }
        }
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(grid);
            xy.setRangeGridlinePaint(grid);
            xy.setDomainGridlineStroke(style.thinStroke());
            xy.setRangeGridlineStroke(style.thinStroke());
            xy.setAxisOffset(RectangleInsets.ZERO_INSETS);
            for (int i = 0; i < xy.getDomainAxisCount(); i++) {
                styleAxis(xy.getDomainAxis(i), style);
            }
            for (int i = 0; i < xy.getRangeAxisCount(); i++) {
                styleAxis(xy.getRangeAxis(i), style);
            }
        } else if (plot instanceof CategoryPlot cat) {
            cat.setRangeGridlinePaint(grid);
            cat.setRangeGridlineStroke(style.thinStroke());
            cat.setDomainGridlinesVisible(false);
            cat.setAxisOffset(RectangleInsets.ZERO_INSETS);
            styleAxis(cat.getDomainAxis(), style);
            styleAxis(cat.getRangeAxis(), style);
        }
    }

    private static void styleAxis(Axis axis, FigureStyle style) {
        if (axis == null) {
            return;
        }
        axis.setLabelFont(style.labelFont());
        axis.setTickLabelFont(style.tickFont());
        axis.setLabelPaint(style.palette().role("text"));
        axis.setTickLabelPaint(style.palette().role("text"));
        axis.setAxisLinePaint(style.palette().role("muted"));
        axis.setTickMarkPaint(style.palette().role("muted"));
        axis.setAxisLineStroke(style.thinStroke());
        axis.setTickMarkStroke(style.thinStroke());
    }
}
