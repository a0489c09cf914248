package org.rmel.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rmel.figures.tables.TableFormat;
import org.rmel.figures.tables.TableWriter;

/** Table 1 and Table 2 with the paper's own numbers: the marks must land where the paper puts them. */
class TablesTest {
    @Test
    void table1LatexMarksBestBoldAndSecondUnderlinedWithTies() {
        String tex = TableWriter.table1(FigureFixtures.table1(), TableFormat.TEX);
        assertTrue(tex.contains("\\toprule") && tex.contains("\\midrule") && tex.contains("\\bottomrule"));
        assertTrue(tex.contains("R-MEL & \\underline{13.33} & 6.67 & \\textbf{52.50} & \\textbf{57.80} & \\textbf{35.56} & \\underline{33.17} \\\\"),
                tex);
        // 50.00 and 53.80 are shared by MEL and MEL+Extra: both underlined.
        assertTrue(tex.contains("MEL & 10.00 & \\textbf{16.67} & \\underline{50.00} & \\underline{53.80} & \\underline{34.52} & 33.00 \\\\"), tex);
        assertTrue(tex.contains("R-MEL & \\textbf{10.42} & \\textbf{8.33} & \\textbf{46.88} & \\textbf{54.10} & \\textbf{34.15} & \\textbf{30.78} \\\\"),
                tex);
        assertEquals(2, tex.split("\\\\multicolumn\\{6\\}\\{c\\}\\{(Pass|Avg)", -1).length - 1, "a Pass@1 block and an Avg@8 block");
        assertTrue(tex.contains("\\multicolumn{6}{c}{Tokens per rescued all-negative group}"), tex);
    }

    @Test
    void table1MarkdownAndCsv() {
        String md = TableWriter.table1(FigureFixtures.table1(), TableFormat.MD);
        assertTrue(md.contains("| R-MEL | <u>13.33</u> | 6.67 | **52.50** | **57.80** | **35.56** | <u>33.17</u> |"), md);
        String csv = TableWriter.table1(FigureFixtures.table1(), TableFormat.CSV);
        assertTrue(csv.startsWith("method,metric,benchmark,value\n"));
        assertTrue(csv.contains("R-MEL,Pass@1,MATH-500,0.578\n"), csv);
        assertEquals(1 + 2 * 3 * 6 + 3, csv.split("\n").length,
                "header + metrics × methods × (5 benchmarks + Avg) + tokens per rescued group per method");
        assertTrue(md.contains("**Tokens per rescued all-negative group**"), md);
    }

    @Test
    void table2DeltasAgainstTheFullMethod() {
        String tex = TableWriter.table2(FigureFixtures.table2(), TableFormat.TEX);
        assertTrue(tex.contains("R-MEL w/o prefix & $\\tau$ = 0, B = 4 & 32.69 & $-0.48$ \\\\"), tex);
        assertTrue(tex.contains("\\textbf{R-MEL (full)} & $\\tau$ = 0.3, B = 4 & 33.17 & -- \\\\"), tex);
        assertTrue(tex.contains("MEL+Extra & -- & 33.31 & $+0.14$ \\\\"), tex);
        String md = TableWriter.table2(FigureFixtures.table2(), TableFormat.MD);
        assertTrue(md.contains("| R-MEL (B = 1) | τ = 0.3, B = 1 | 32.80 | -0.37 |"), md);
    }
}
