package org.rmel.app.panels;

import java.util.List;
import java.util.Locale;
import javafx.scene.control.CheckBox;
import org.rmel.app.RunSelection;
import org.rmel.app.WorkbenchContext;
import org.rmel.figures.Figure;
import org.rmel.figures.FigureStyle;
import org.rmel.figures.RunAnalyses;
import org.rmel.figures.RunFigures;
import org.rmel.figures.data.RateBucket;
import org.rmel.figures.data.RatePanel;
import org.rmel.figures.data.RateSeries;

/**
 * The inverted U, live: revision success per all-negative-frequency bucket (bands or exact k/n)
 * with Wilson intervals and counts, and per seed log-prob quintile; R-MEL revision next to
 * MEL+Extra rollout success when both kinds of run are selected (the paper's Figure 3). The frame
 * calls {@code show} again as selected runs grow, so the bars fill in while a run trains.
 */
public final class DifficultyPanel extends FigurePanel<List<RatePanel>> {
    private final CheckBox exact = new CheckBox("exact k/n instead of easy / intermediate / hard");
    private RunSelection last = RunSelection.EMPTY;

    public DifficultyPanel(WorkbenchContext context) {
        super(context, "difficulty");
        exact.setId("difficulty-exact");
        exact.setSelected(context.preferences().node("difficulty").getBoolean("exact", false));
        exact.selectedProperty().addListener((o, a, b) -> {
            context.preferences().node("difficulty").putBoolean("exact", b);
            reload(last);
        });
        addControl(exact);
    }

    @Override
    public String title() {
        return "Difficulty";
    }

    @Override
    public void show(RunSelection selection) {
        last = selection;
        super.show(selection);
    }

    @Override
    List<RatePanel> load(RunSelection selection) {
        return RunAnalyses.read(selection.runs()).difficultyPanels(exact.isSelected());
    }

    @Override
    Figure build(List<RatePanel> panels, FigureStyle style) {
        return RunFigures.difficultyFigure(panels, style);
    }

    @Override
    String describe(List<RatePanel> panels) {
        StringBuilder sb = new StringBuilder("Bars: success rate; whiskers: Wilson 95% interval; labels: successes/trials.");
        RatePanel a = panels.get(0);
        for (RateSeries s : a.series()) {
            RateBucket best = s.buckets().stream().max((x, y) -> Double.compare(x.rate(), y.rate())).orElse(null);
            if (best != null) {
                sb.append(String.format(Locale.ROOT, "%n%s: highest at %s (%.1f%%, %d/%d)", s.name(), best.label(), 100 * best.rate(),
                        best.successes(), best.trials()));
            }
        }
        return sb.toString();
    }
}
