package org.rmel.figures.export;

import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.FontMapper;
import java.awt.Font;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the figure fonts (DejaVu families) to embedded TrueType fonts with Unicode encoding, so text
 * in a PDF stays text and characters such as τ render. Without the font files the exporter draws
 * text as outlines instead, which is still vector and still looks the same.
 */
final class PdfFonts implements FontMapper {
    private static final Path[] DIRS = {
        Path.of("/usr/share/fonts/truetype/dejavu"), Path.of("/usr/share/fonts/TTF"), Path.of("/usr/share/fonts/dejavu"),
        Path.of("/Library/Fonts"), Path.of(System.getProperty("user.home"), ".fonts"),
    };

    private final Map<String, BaseFont> cache = new HashMap<>();

    /** Present when DejaVu Sans, the default figure font, can be embedded on this machine. */
    static Optional<PdfFonts> available() {
        return find("DejaVuSans.ttf").map(p -> new PdfFonts());
    }

    @Override
    public BaseFont awtToPdf(Font font) {
        String file = fileFor(font);
        return cache.computeIfAbsent(file, f -> {
            Path path = find(f).or(() -> find("DejaVuSans.ttf")).orElseThrow();
            try {
                return BaseFont.createFont(path.toString(), BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
            } catch (Exception e) {
                throw new IllegalStateException("cannot embed font " + path, e);
            }
        });
    }

    @Override
    public Font pdfToAwt(BaseFont font, int size) {
        return new Font(Font.SANS_SERIF, Font.PLAIN, size);
    }

    static String fileFor(Font font) {
        String family = font.getFamily().toLowerCase(java.util.Locale.ROOT);
        String base = family.contains("mono") ? "DejaVuSansMono" : family.contains("serif") && !family.contains("sans")
                ? "DejaVuSerif" : "DejaVuSans";
        boolean serif = base.equals("DejaVuSerif");
        boolean mono = base.equals("DejaVuSansMono");
        String italic = serif ? "Italic" : "Oblique";
        String suffix = font.isBold() && font.isItalic() ? "-Bold" + italic
                : font.isBold() ? "-Bold" : font.isItalic() ? "-" + italic : "";
        if (mono && suffix.isEmpty()) {
            return base + ".ttf";
        }
        return base + suffix + ".ttf";
    }

    private static Optional<Path> find(String file) {
        for (Path dir : DIRS) {
            Path p = dir.resolve(file);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
