package org.rmel.app.panels;

import java.util.List;
import java.util.Locale;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.util.StringConverter;
import org.rmel.analysis.DifficultyDefinition;
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
 * The difficulty definition is chosen above the chart (the paper's across-runs k/N, the whole-run
 * k/n or the online k/n) and named in the figure's title; "default" takes the paper's when the
 * selected runs share a seed and prompts, else the whole-run one.
 */
public final class DifficultyPanel extends FigurePanel<List<RatePanel>> {
    private static final String AUTO = "default";
    private final CheckBox exact = new CheckBox("exact k/n instead of easy / intermediate / hard");
    private final ChoiceBox<String> definition = new ChoiceBox<>();
    private RunSelection last = RunSelection.EMPTY;

    public DifficultyPanel(WorkbenchContext context) {
        super(context, "difficulty");
        exact.setId("difficulty-exact");
        exact.setSelected(context.preferences().node("difficulty").getBoolean("exact", false));
        exact.selectedProperty().addListener((o, a, b) -> {
            context.preferences().node("difficulty").putBoolean("exact", b);
            reload(last);
        });
        definition.setId("difficulty-definition");
        definition.getItems().add(AUTO);
        for (DifficultyDefinition d : DifficultyDefinition.values()) {
            definition.getItems().add(d.wireName());
        }
        definition.setConverter(new StringConverter<>() {
            @Override
            public String toString(String name) {
                return name == null ? "" : name.equals(AUTO) ? "difficulty: default (paper's when runs share a seed)"
                        : "difficulty: " + DifficultyDefinition.fromName(name).label();
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        String saved = context.preferences().node("difficulty").get("definition", AUTO);
        definition.setValue(definition.getItems().contains(saved) ? saved : AUTO);
        definition.valueProperty().addListener((o, a, b) -> {
            context.preferences().node("difficulty").put("definition", b);
            reload(last);
        });
        addControl(definition);
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
        RunAnalyses a = RunAnalyses.read(selection.runs());
        String chosen = definition.getValue();
        DifficultyDefinition d = chosen == null || chosen.equals(AUTO) ? a.defaultDifficulty() : DifficultyDefinition.fromName(chosen);
        return a.difficultyPanels(d, exact.isSelected());
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
