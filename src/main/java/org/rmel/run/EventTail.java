package org.rmel.run;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Reads {@code events.jsonl} incrementally: each {@link #poll} parses the complete lines added
 * since the last one, at most about {@code maxBytes} at a time so a huge file arrives in
 * batches. Not thread-safe; one thread polls (see {@link RunFollower}).
 *
 * <p>The rules of the contract live here: a last line without its newline is left for the next
 * poll; a malformed line becomes a {@link ReadWarning} with its line number and reading goes on;
 * unknown types and fields are skipped (one warning per unknown type); and events of steps
 * undone by a later {@code resumed} event are dropped. Because a {@code resumed} event can only
 * void lines before it, meeting one that does restarts reading from the top with the new rule
 * and flags the batch {@link Batch#reset()} — resumes are rare, so re-reading is cheaper than
 * holding back every event in case one comes.
 */
public final class EventTail implements AutoCloseable {
    /** Default batch size: large enough to be fast, small enough to show progress. */
    public static final int DEFAULT_MAX_BYTES = 8 << 20;
    /** Beyond this many warnings a broken file would only flood the UI; the rest are counted. */
    static final int MAX_WARNINGS = 200;

    /** Below this many lines a window is parsed on the calling thread; above, in parallel. */
    private static final int PARALLEL_LINES = 64;
    private static final byte[] TYPE_PREFIX = "{\"type\":\"".getBytes(StandardCharsets.US_ASCII);

    private final Path file;
    /** The types to deliver; empty = all (see {@link #EventTail(Path, Set)}). */
    private final Set<String> types;
    private FileChannel channel;
    private int[] lineStarts = new int[1024];
    private int[] lineEnds = new int[1024];
    private byte[] buf = new byte[1 << 20];
    private long offset;
    private long line;
    private int maxStepKept = RunEvent.NO_STEP;
    /** Line of each {@code resumed} event seen so far → its from_step. */
    private final TreeMap<Long, Integer> resumes = new TreeMap<>();
    private final Set<String> unknownTypes = new HashSet<>();
    private int warningCount;

    public EventTail(Path file) {
        this(file, Set.of());
    }

    /**
     * A tail that delivers only events of the given {@code types} (empty: all). Other lines are
     * recognised by their leading {@code {"type":"..."}} — the writer puts the type first — and
     * skipped without parsing, which makes a view that needs a few types (curves need
     * {@code step} and {@code eval}; the status {@link RunStatusTracker#TYPES}) read a large log
     * many times faster. {@code resumed} lines are always parsed, since the resume rule needs them.
     * A line whose type cannot be seen that way is parsed as usual, so a corrupt line still gives
     * its warning; a skipped line is not checked.
     */
    public EventTail(Path file, Set<String> types) {
        this.file = file;
        this.types = Set.copyOf(types);
    }

    public Path file() {
        return file;
    }

    /** Byte offset of the first line not read yet. */
    public long offset() {
        return offset;
    }

    /** Number of complete lines read so far. */
    public long line() {
        return line;
    }

    public Batch poll() throws IOException {
        return poll(DEFAULT_MAX_BYTES);
    }

    /**
     * Reads the complete lines added since the last poll, about {@code maxBytes} of them at most
     * (a single longer line is still read whole). A file that does not exist yet reads as empty.
     */
    public Batch poll(int maxBytes) throws IOException {
        if (channel == null) {
            try {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                return new Batch(false, List.of(), List.of(), 0, 0, false);
            }
        }
        List<LoggedEvent> events = new ArrayList<>();
        List<ReadWarning> warnings = new ArrayList<>();
        boolean reset = false;
        long size = channel.size();
        if (size < offset) {
            // Only a rewrite can shrink the file below a line boundary we passed: start over.
            restart();
            reset = true;
            warnings.add(warn(0, "the file shrank (rewritten by another program?); reading it again"));
        }
        long budgetEnd = offset + Math.max(1, maxBytes);
        boolean torn = false;
        while (offset < size && offset < budgetEnd) {
            int n = fill(size);
            int count = splitLines(n, budgetEnd);
            if (count == 0) {
                // No newline in the whole window: either a torn end or a very long line.
                if (offset + n >= size) {
                    torn = true;
                    break;
                }
                buf = new byte[buf.length * 2];
                continue;
            }
            Object[] parsed = new Object[count];
            IntStream lines = IntStream.range(0, count);
            (count >= PARALLEL_LINES ? lines.parallel() : lines)
                    .forEach(j -> parsed[j] = parse(lineStarts[j], lineEnds[j] - lineStarts[j]));
            boolean restarted = false;
            for (int j = 0; j < count && !restarted; j++) {
                line++;
                restarted = apply(parsed[j], offset + lineStarts[j], lineEnds[j] - lineStarts[j], events, warnings);
            }
            if (restarted) {
                events.clear();
                warnings.clear();
                reset = true;
                continue; // offset and line were rewound by restart()
            }
            offset += lineEnds[count - 1] + 1;
        }
        return new Batch(reset, events, warnings, offset, size, torn);
    }

    /** Records the complete lines of the first {@code n} bytes of {@code buf}, up to the budget. */
    private int splitLines(int n, long budgetEnd) {
        int count = 0;
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (buf[i] != '\n') {
                continue;
            }
            if (count == lineStarts.length) {
                lineStarts = Arrays.copyOf(lineStarts, count * 2);
                lineEnds = Arrays.copyOf(lineEnds, count * 2);
            }
            lineStarts[count] = start;
            lineEnds[count] = i;
            count++;
            start = i + 1;
            if (offset + start >= budgetEnd) {
                break;
            }
        }
        return count;
    }

    /** Reads from {@code offset} into {@code buf}, up to the file end; returns the byte count. */
    private int fill(long size) throws IOException {
        int want = (int) Math.min(buf.length, size - offset);
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, want);
        long pos = offset;
        while (bb.hasRemaining()) {
            int r = channel.read(bb, pos);
            if (r < 0) {
                break;
            }
            pos += r;
        }
        return bb.position();
    }

    /** A line that could not be used, with the reason. */
    private record Unreadable(String message) {
    }

    /** A well-formed line of a type this reader does not know (null: no type at all). */
    private record UnknownType(String type) {
    }

    /**
     * Parses one line without touching the tail's state, so lines parse in parallel: returns the
     * event, an {@link Unreadable} or {@link UnknownType}, or null for a blank or filtered-out line.
     */
    private Object parse(int start, int len) {
        if (isBlank(start, len)) {
            return null;
        }
        if (!types.isEmpty()) {
            String leading = leadingType(start, len);
            if (leading != null && !wanted(leading) && !leading.equals(Resumed.TYPE)) {
                return null;
            }
        }
        RunEvent event;
        try {
            event = RunJson.MAPPER.readValue(buf, start, len, RunEvent.class);
        } catch (IOException e) {
            return new Unreadable(describe(e));
        }
        if (event == null) {
            return new UnknownType(typeOf(start, len));
        }
        return event;
    }

    /** Applies one parsed line in order; returns true when a {@code resumed} event forced a restart. */
    private boolean apply(Object parsed, long lineOffset, int len, List<LoggedEvent> events,
            List<ReadWarning> warnings) {
        if (parsed instanceof Unreadable u) {
            addWarning(warnings, warn(line, u.message()));
            return false;
        }
        if (parsed instanceof UnknownType u) {
            if (u.type() == null) {
                addWarning(warnings, warn(line, "no \"type\" field"));
            } else if (unknownTypes.add(u.type())) {
                addWarning(warnings, warn(line, "unknown event type '" + u.type()
                        + "' skipped (written by a newer version?); further lines of this type are skipped silently"));
            }
            return false;
        }
        if (!(parsed instanceof RunEvent event)) {
            return false;
        }
        if (event instanceof Resumed r && !resumes.containsKey(line)) {
            resumes.put(line, r.fromStep());
            if (r.fromStep() < maxStepKept) {
                restart();
                return true;
            }
        }
        if (voidedByResume(event) || !wanted(event.type())) {
            return false;
        }
        maxStepKept = Math.max(maxStepKept, event.step());
        events.add(new LoggedEvent(event, line, lineOffset, len));
        return false;
    }

    private boolean wanted(String type) {
        return types.isEmpty() || types.contains(type);
    }

    /**
     * The type of a line as this project's writer lays it out ({@code {"type":"..."} first}),
     * read from the bytes without parsing; null for any other layout (then the line is parsed).
     */
    private String leadingType(int start, int len) {
        int p = start;
        int end = start + len;
        while (p < end && (buf[p] == ' ' || buf[p] == '\t')) {
            p++;
        }
        if (end - p < TYPE_PREFIX.length) {
            return null;
        }
        for (byte b : TYPE_PREFIX) {
            if (buf[p++] != b) {
                return null;
            }
        }
        for (int q = p; q < end; q++) {
            if (buf[q] == '"') {
                return new String(buf, p, q - p, StandardCharsets.US_ASCII);
            }
            if (buf[q] == '\\') {
                return null;
            }
        }
        return null;
    }

    private boolean voidedByResume(RunEvent event) {
        if (event.step() == RunEvent.NO_STEP) {
            return false;
        }
        for (Integer fromStep : resumes.tailMap(line, false).values()) {
            if (event.step() > fromStep) {
                return true;
            }
        }
        return false;
    }

    private void restart() {
        offset = 0;
        line = 0;
        maxStepKept = RunEvent.NO_STEP;
        unknownTypes.clear();
        warningCount = 0;
    }

    private void addWarning(List<ReadWarning> warnings, ReadWarning w) {
        warningCount++;
        if (warningCount < MAX_WARNINGS) {
            warnings.add(w);
        } else if (warningCount == MAX_WARNINGS) {
            warnings.add(warn(w.line(), "too many unreadable lines; no further ones are listed"));
        }
    }

    private ReadWarning warn(long lineNo, String message) {
        return new ReadWarning(file, lineNo, message);
    }

    private boolean isBlank(int start, int len) {
        for (int i = start; i < start + len; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** The line's {@code type}, or null when it has none (only called on the rare skipped lines). */
    private String typeOf(int start, int len) {
        try {
            JsonNode type = RunJson.MAPPER.readTree(buf, start, len).get("type");
            return type == null || !type.isTextual() ? null : type.asText();
        } catch (IOException e) {
            return null;
        }
    }

    /** A message a researcher can act on, without Jackson's source excerpt. */
    static String describe(IOException e) {
        if (e instanceof JsonParseException p) {
            return "not valid JSON (" + p.getOriginalMessage().lines().findFirst().orElse("") + ")";
        }
        if (e instanceof InvalidTypeIdException t && t.getTypeId() == null) {
            return "no \"type\" field";
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            return "unusable event: " + v.getCause().getMessage();
        }
        if (e instanceof MismatchedInputException m) {
            String msg = m.getOriginalMessage();
            if (msg.startsWith("Missing required creator property")) {
                int a = msg.indexOf('\'');
                int b = msg.indexOf('\'', a + 1);
                return "missing field '" + msg.substring(a + 1, b) + "'";
            }
            String path = m.getPath().isEmpty() ? "" : " in field '" + m.getPath().get(m.getPath().size() - 1).getFieldName() + "'";
            return "wrong value" + path + " (" + msg.lines().findFirst().orElse("") + ")";
        }
        if (e instanceof JsonProcessingException j) {
            return "unusable event (" + j.getOriginalMessage().lines().findFirst().orElse("") + ")";
        }
        return "cannot be read (" + e.getMessage() + ")";
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
