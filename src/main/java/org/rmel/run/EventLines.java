package org.rmel.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.Map;

/**
 * The byte layout of an {@code events.jsonl} line (contract 1.1): the writer puts
 * {@code {"type":"…","v":1,"seq":N,"t":…} first, so readers can find the type and the sequence
 * number without parsing the line; {@link #topLevel} finds them in any other layout too.
 */
final class EventLines {
    /** {@link #topLevel}: the key is absent. */
    static final long ABSENT = -1;
    /** {@link #topLevel}: the key is there but its value is not a non-negative integer. */
    static final long NOT_A_COUNT = -2;

    private static final byte[] SEQ_KEY = "\"seq\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] V_KEY = "\"v\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TYPE_PREFIX = "{\"type\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] V1 = ",\"v\":1,".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEQ_COLON = "\"seq\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] T_COLON = "\"t\":".getBytes(StandardCharsets.US_ASCII);

    private EventLines() {
    }

    /** The event's JSON with type, v, seq and t first, in that order, then the rest as written. */
    static ObjectNode layout(JsonNode event, long seq, long t) {
        ObjectNode out = RunJson.MAPPER.createObjectNode();
        out.set("type", event.get("type"));
        out.put("v", RunEvent.VERSION);
        out.put("seq", seq);
        out.put("t", t);
        for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            switch (f.getKey()) {
                case "type", "v", "seq", "t" -> { }
                default -> out.set(f.getKey(), f.getValue());
            }
        }
        return out;
    }

    /**
     * The line's top-level {@code seq}: a count, {@link #ABSENT} or {@link #NOT_A_COUNT}. In the
     * writers' layout ({@code {"type":"…","v":1,} then {@code "seq":} or, contract 1, {@code "t":})
     * it is read without scanning the line.
     */
    static long seq(byte[] buf, int start, int len) {
        int end = start + len;
        int p = afterWriterPrefix(buf, start, end);
        if (p >= 0) {
            if (startsWith(buf, p, end, SEQ_COLON)) {
                return count(buf, p + SEQ_COLON.length, end);
            }
            if (startsWith(buf, p, end, T_COLON)) {
                return ABSENT;
            }
        }
        return topLevel(buf, start, len, SEQ_KEY);
    }

    /** Where the writers' {@code {"type":"…","v":1,} prefix ends, or -1 for another layout. */
    private static int afterWriterPrefix(byte[] b, int start, int end) {
        if (!startsWith(b, start, end, TYPE_PREFIX)) {
            return -1;
        }
        for (int q = start + TYPE_PREFIX.length; q < end; q++) {
            if (b[q] == '\\') {
                return -1;
            }
            if (b[q] == '"') {
                return startsWith(b, q + 1, end, V1) ? q + 1 + V1.length : -1;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] b, int at, int end, byte[] prefix) {
        if (end - at < prefix.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (b[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    /** The line's top-level {@code v}: a count, {@link #ABSENT} or {@link #NOT_A_COUNT}. */
    static long version(byte[] buf, int start, int len) {
        return topLevel(buf, start, len, V_KEY);
    }

    /**
     * The value of top-level {@code key} (quoted, e.g. {@code "seq"}) in one JSON object line, read
     * from the bytes: strings are skipped with their escapes, nested objects and arrays by depth.
     * Linear in the line, and quick for the writer's layout where the key comes first.
     */
    static long topLevel(byte[] b, int start, int len, byte[] key) {
        int end = start + len;
        int depth = 0;
        int i = start;
        while (i < end) {
            byte c = b[i];
            if (c == '"') {
                int close = stringEnd(b, i, end);
                if (close < 0) {
                    return ABSENT;
                }
                if (depth == 1 && close - i + 1 == key.length && regionEquals(b, i, key)) {
                    int p = skipSpace(b, close + 1, end);
                    if (p < end && b[p] == ':') {
                        return count(b, skipSpace(b, p + 1, end), end);
                    }
                }
                i = close + 1;
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
            i++;
        }
        return ABSENT;
    }

    private static int stringEnd(byte[] b, int open, int end) {
        for (int i = open + 1; i < end; i++) {
            if (b[i] == '\\') {
                i++;
            } else if (b[i] == '"') {
                return i;
            }
        }
        return -1;
    }

    private static boolean regionEquals(byte[] b, int at, byte[] key) {
        for (int k = 0; k < key.length; k++) {
            if (b[at + k] != key[k]) {
                return false;
            }
        }
        return true;
    }

    private static int skipSpace(byte[] b, int p, int end) {
        while (p < end && (b[p] == ' ' || b[p] == '\t' || b[p] == '\r' || b[p] == '\n')) {
            p++;
        }
        return p;
    }

    /** A non-negative integer literal ending the value, or {@link #NOT_A_COUNT}. */
    private static long count(byte[] b, int p, int end) {
        long v = 0;
        int digits = 0;
        while (p < end && b[p] >= '0' && b[p] <= '9') {
            if (digits++ > 17) {
                return NOT_A_COUNT;
            }
            v = v * 10 + (b[p] - '0');
            p++;
        }
        p = skipSpace(b, p, end);
        if (digits == 0 || p >= end || (b[p] != ',' && b[p] != '}')) {
            return NOT_A_COUNT;
        }
        return v;
    }

    /**
     * The {@code seq} a writer continuing {@code file} gives its first line: one more than the
     * highest in the file, or, for a contract-1 file without sequence numbers, its line count + 1.
     */
    static long nextSeq(Path file) throws IOException {
        long maxSeq = 0;
        long lines = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            byte[] buf = new byte[1 << 20];
            long pos = 0;
            int carry = 0;
            while (true) {
                ByteBuffer bb = ByteBuffer.wrap(buf, carry, buf.length - carry);
                int r = ch.read(bb, pos);
                if (r <= 0) {
                    break;
                }
                pos += r;
                int n = carry + r;
                int lineStart = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                        long s = seq(buf, lineStart, i - lineStart);
                        maxSeq = Math.max(maxSeq, s);
                        lineStart = i + 1;
                    }
                }
                carry = n - lineStart;
                if (lineStart == 0 && carry == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2); // one line longer than the buffer
                } else {
                    System.arraycopy(buf, lineStart, buf, 0, carry);
                }
            }
        } catch (NoSuchFileException e) {
            return 1;
        }
        return (maxSeq > 0 ? maxSeq : lines) + 1;
    }
}
