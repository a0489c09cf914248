package org.rmel.figures.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rmel.base.BadInputException;
import org.rmel.figures.Figure;
import org.rmel.figures.FigureSize;
import org.rmel.figures.tables.CsvTable;

/** Writes a figure as chosen in {@link ExportSettings}: an image, or the figure's data as CSV. */
public final class FigureFiles {
    private FigureFiles() {
    }

    /** Returns the size written (the figure may have chosen its height), or null for data. */
    public static FigureSize write(Figure figure, ExportSettings s, Path out) {
        if (s.isData()) {
            try {
                Path parent = out.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(out, CsvTable.concat(figure.data()));
            } catch (IOException e) {
                throw org.rmel.base.IoFaults.wrap("cannot write " + out, e);
            }
            return null;
        }
        return FigureExporter.write(figure, s.size(figure), ImageFormat.parse(s.format()), s.dpi(), out);
    }
}
