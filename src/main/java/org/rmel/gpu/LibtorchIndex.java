package org.rmel.gpu;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * DJL's published index of one libtorch version ({@code files.txt}): one relative path per line,
 * {@code FLAVOR/CLASSIFIER/native/lib/NAME.gz} with NAME URL-encoded, each a gzip of one library.
 * This is the list DJL's own downloader ({@code LibUtils.downloadPyTorch}) reads.
 */
public final class LibtorchIndex {
    /** One listed file: its path relative to the index, and the library's name once unpacked. */
    public record Entry(String path, String fileName) {
    }

    private LibtorchIndex() {
    }

    /**
     * The entries of {@code flavor}/{@code classifier} in index order.
     *
     * @throws IllegalArgumentException when that set holds no libtorch.so (not an index of this build)
     */
    public static List<Entry> entries(String indexText, String flavor, String classifier) {
        String prefix = flavor + "/" + classifier + "/";
        List<Entry> out = new ArrayList<>();
        for (String raw : indexText.split("\\R")) {
            String line = raw.trim();
            if (!line.startsWith(prefix) || !line.endsWith(".gz") || line.contains("..")) {
                continue;
            }
            String name = line.substring(line.lastIndexOf('/') + 1, line.length() - 3);
            name = URLDecoder.decode(name, StandardCharsets.UTF_8);
            if (name.isBlank() || name.contains("/")) {
                continue;
            }
            out.add(new Entry(line, name));
        }
        if (out.stream().noneMatch(e -> e.fileName().equals("libtorch.so"))) {
            throw new IllegalArgumentException("it lists no " + prefix + "…/libtorch.so.gz");
        }
        return out;
    }
}
