package org.rmel.app.status;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log file, read from its end so a large log costs no more than its tail. */
public final class LogTail {
    private LogTail() {
    }

    /** Up to {@code maxLines} last lines; empty when the file does not exist (yet). */
    public static List<String> lastLines(Path file, int maxLines) throws IOException {
        if (!Files.isRegularFile(file) || maxLines <= 0) {
            return List.of();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long chunk = 8192;
            long start = length;
            byte[] tail = new byte[0];
            while (start > 0 && countNewlines(tail) <= maxLines) {
                long next = Math.max(0, start - chunk);
                byte[] read = new byte[(int) (start - next)];
                raf.seek(next);
                raf.readFully(read);
                byte[] joined = Arrays.copyOf(read, read.length + tail.length);
                System.arraycopy(tail, 0, joined, read.length, tail.length);
                tail = joined;
                start = next;
                chunk = Math.min(chunk * 2, 1 << 20);
            }
            String[] lines = new String(tail, StandardCharsets.UTF_8).split("\\R", -1);
            List<String> result = new ArrayList<>(Arrays.asList(lines));
            if (!result.isEmpty() && result.get(result.size() - 1).isEmpty()) {
                result.remove(result.size() - 1); // the file ends with a newline
            }
            if (start > 0 && !result.isEmpty()) {
                result.remove(0); // possibly cut in the middle
            }
            return List.copyOf(result.subList(Math.max(0, result.size() - maxLines), result.size()));
        }
    }

    private static int countNewlines(byte[] bytes) {
        int n = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }
}
