package org.rmel.app.panels;

import org.rmel.figures.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rmel.app.RunSelection;
import org.rmel.app.WorkbenchContext;
import org.rmel.figures.Figure;
import org.rmel.figures.FigureStyle;
import org.rmel.figures.RunFigures;
import org.rmel.figures.data.LcpData;

/**
 * LCP ratios of revision attempts and of accepted revisions, by τ, with τ_min marked and the share
 * of accepted revisions under 0.5; one histogram per selected run that revises.
 */
public final class LcpPanel extends FigurePanel<List<LcpData>> {
    public LcpPanel(WorkbenchContext context) {
        super(context, "lcp");
    }

    @Override
    public String title() {
        return "LCP";
    }

    @Override
    List<LcpData> load(RunSelection selection) {
        return RunFigures.lcpData(selection.runs());
    }

    @Override
    Figure build(List<LcpData> data, FigureStyle style) {
        return RunFigures.lcpFigure(data, style);
    }

    @Override
    String describe(List<LcpData> data) {
        List<String> parts = new ArrayList<>();
        for (LcpData d : data) {
            long accepted = d.samples().stream().filter(s -> s.accepted()).count();
            parts.add(String.format(Locale.ROOT, "%s: %d attempts, %d accepted, %.1f%% of accepted below 0.5, τ_min = %s; "
                    + "the LCP filter rejected %d of %d verified attempts (%s)", d.run(),
                    d.samples().size(), accepted, 100 * d.acceptedShareBelow(0.5),
                    Double.isNaN(d.tauMin()) ? "not recorded" : Numbers.brief(d.tauMin()), d.filtered(), d.verified(),
                    d.reading().isEmpty() ? "reading not recorded" : d.reading()));
        }
        return String.join("\n", parts);
    }
}
