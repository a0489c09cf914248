package org.rmel.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stylesheets are hand-written CSS; this keeps their trajectory colours equal to palette.json's roles. */
class StylesheetPaletteTest {
    private static String css(String name) throws IOException {
        try (InputStream in = Palette.class.getResourceAsStream("/org/rmel/assets/" + name)) {
            assertNotNull(in, name + " is on the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String rule(String css, String selector) {
        Matcher m = Pattern.compile(Pattern.quote(selector) + "\\s*\\{([^}]*)}").matcher(css);
        assertTrue(m.find(), "rule " + selector);
        return m.group(1).toUpperCase(Locale.ROOT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"light.css", "dark.css"})
    void trajectoryRolesUseThePaletteColours(String name) throws IOException {
        String css = css(name);
        Palette p = Palette.okabeIto();
        assertTrue(rule(css, ".trajectory-text .cut").contains(Palette.hex(p.role("cut"))));
        assertTrue(rule(css, ".trajectory-text .continuation").contains(Palette.hex(p.role("continuation"))));
        assertTrue(rule(css, ".trajectory-text .tau-marker").contains(Palette.hex(p.role("marker"))));
        assertTrue(rule(css, ".trajectory-text .bifurcation").contains(Palette.hex(p.role("bifurcation"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"light.css"})
    void lightLcpShadeIsTheExportedFiguresShade(String name) throws IOException {
        String expected = Palette.hex(Palette.tint(Palette.okabeIto().role("lcp"), 0.35));
        assertTrue(rule(css(name), ".trajectory-text .lcp").contains(expected), "lcp shade " + expected);
    }

    @org.junit.jupiter.api.Test
    void paletteIsOkabeIto() {
        Palette p = Palette.okabeIto();
        assertEquals("Okabe-Ito", p.name());
        assertEquals(8, p.seriesCount());
        assertEquals("#0072B2", Palette.hex(p.series(0)));
        assertEquals(p.series(0), p.series(8), "series colours wrap around");
    }
}
