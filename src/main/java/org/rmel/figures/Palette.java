package org.rmel.figures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The colour-blind-safe chart palette (Okabe–Ito), read from {@code assets/palette.json} on the
 * classpath so that the screen, every export format and the stylesheets use one set of colours.
 */
public final class Palette {
    /** Where the Maven resource entry puts {@code assets/palette.json}. */
    public static final String RESOURCE = "/org/rmel/assets/palette.json";

    private static final Palette OKABE_ITO = load(false);
    private static final Palette OKABE_ITO_DARK = load(true);

    private final String name;
    private final List<Color> series;
    private final Map<String, Color> roles;

    Palette(String name, List<Color> series, Map<String, Color> roles) {
        this.name = name;
        this.series = List.copyOf(series);
        this.roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles));
    }

    public static Palette okabeIto() {
        return OKABE_ITO;
    }

    /**
     * The same palette for charts on a dark background (the dark theme on screen): light text and
     * grid on near-black, the hues lifted where the printed ones lack contrast, black series white.
     */
    public static Palette okabeItoDark() {
        return OKABE_ITO_DARK;
    }

    /** Whether this is the palette for a dark background. */
    public boolean dark() {
        return this == OKABE_ITO_DARK;
    }

    public String name() {
        return name;
    }

    /** The colour of the i-th series; wraps around after the last one. */
    public Color series(int i) {
        return series.get(Math.floorMod(i, series.size()));
    }

    public int seriesCount() {
        return series.size();
    }

    /** A named role such as {@code cut}, {@code continuation}, {@code lcp}. */
    public Color role(String role) {
        Color c = roles.get(role);
        if (c == null) {
            throw new IllegalArgumentException("palette has no role '" + role + "'; known: " + roles.keySet());
        }
        return c;
    }

    public Map<String, Color> roles() {
        return roles;
    }

    /** The colour mixed with this palette's background (lighter on white, darker on the dark theme). */
    public Color shade(Color c, double amount) {
        return mix(role("background"), c, amount);
    }

    /** {@code amount} of {@code c} over {@code base}, opaque. */
    public static Color mix(Color base, Color c, double amount) {
        return new Color(
                (int) Math.round(base.getRed() + (c.getRed() - base.getRed()) * amount),
                (int) Math.round(base.getGreen() + (c.getGreen() - base.getGreen()) * amount),
                (int) Math.round(base.getBlue() + (c.getBlue() - base.getBlue()) * amount));
    }

    /** The colour mixed with white, for fills behind text (alpha would not survive every PDF viewer). */
    public static Color tint(Color c, double amount) {
        return new Color(
                (int) Math.round(255 - (255 - c.getRed()) * amount),
                (int) Math.round(255 - (255 - c.getGreen()) * amount),
                (int) Math.round(255 - (255 - c.getBlue()) * amount));
    }

    public static String hex(Color c) {
        return String.format("#%02X%02X%02X", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static Palette load(boolean dark) {
        try (InputStream in = Palette.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath (see the assets resource entry in pom.xml)");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<Color> series = new ArrayList<>();
            root.get("series").forEach(n -> series.add(Color.decode(n.asText())));
            Map<String, Color> roles = new LinkedHashMap<>();
            root.get("roles").fields().forEachRemaining(e -> roles.put(e.getKey(), Color.decode(e.getValue().asText())));
            if (dark) {
                JsonNode d = root.get("dark");
                series.clear();
                d.get("series").forEach(n -> series.add(Color.decode(n.asText())));
                d.get("roles").fields().forEachRemaining(e -> roles.put(e.getKey(), Color.decode(e.getValue().asText())));
            }
            return new Palette(root.get("name").asText() + (dark ? " (dark)" : ""), series, roles);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
