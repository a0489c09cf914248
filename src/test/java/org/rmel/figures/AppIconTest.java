package org.rmel.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The committed icon PNGs are on the classpath, at their nominal sizes, and are what the generator draws. */
class AppIconTest {
    @Test
    void committedIconsMatchTheGenerator() throws Exception {
        for (int size : AppIconGenerator.SIZES) {
            BufferedImage committed;
            try (InputStream in = AppIconTest.class.getResourceAsStream("/org/rmel/assets/icon/rmel-" + size + ".png")) {
                assertNotNull(in, "icon " + size + " on the classpath");
                committed = ImageIO.read(in);
            }
            assertEquals(size, committed.getWidth());
            assertEquals(size, committed.getHeight());
            BufferedImage fresh = AppIconGenerator.png(size);
            double diff = 0;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int a = committed.getRGB(x, y);
                    int b = fresh.getRGB(x, y);
                    for (int shift = 0; shift < 32; shift += 8) {
                        diff += Math.abs(((a >>> shift) & 0xFF) - ((b >>> shift) & 0xFF));
                    }
                }
            }
            // Antialiasing may differ by a level or two between JDK builds; the drawing may not.
            assertTrue(diff / (size * size * 4.0) < 2.0, "icon " + size + " differs from the generator: " + diff);
        }
    }
}
