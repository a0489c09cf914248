package org.rmel.run;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
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
 * undone by a later {@code resumed} event are dropped. A line is also reported and skipped when it
 * is not valid UTF-8, has no or an unknown contract version {@code v}, or breaks a value rule
 * ({@link EventValues}); a byte-order mark is reported and ignored. Lines that lie are caught by
 * their sequence numbers (contract 1.1: {@code seq}): a repeated {@code seq} is a duplicate
 * (reported and skipped, so no count doubles), a jump or a step back is reported as missing or
 * moved lines. Contract-1 logs carry no {@code seq}; there an exact repeat of the previous line is
 * a duplicate, and a second {@code run_started} (a log appended to itself, or two logs joined)
 * ends the usable part. A {@code resumed} event whose {@code from_step} names no checkpoint logged
 * before it is reported and ignored, so it cannot void earlier steps. Because a {@code resumed} event can only
 * void lines before it, meeting one that does restarts reading from the top with the new rule
 * and flags the batch {@link Batch#reset()} — resumes are rare, so re-reading is cheaper than
 * holding back every event in case one comes.
 */
public final class EventTail implements AutoCloseable {
    /** Default batch size: large enough to be fast, small enough to show progress. */
    public static final int DEFAULT_MAX_BYTES = 8 << 20;
    /** Beyond this many warnings a broken file would only flood the UI; the rest are counted. */
    static final int MAX_WARNINGS = 1000;
    /** Types parsed even when a tail does not deliver them: the resume, duplicate and checkpoint rules need them. */
    private static final Set<String> ALWAYS_PARSED = Set.of(Resumed.TYPE, RunStarted.TYPE, CheckpointEvent.TYPE);

    /** Below this many lines a window is parsed on the calling thread; above, in parallel. */
    private static final int PARALLEL_LINES = 64;
    private static final byte[] TYPE_PREFIX = "{\"type\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STEP_KEY = "\"step\"".getBytes(StandardCharsets.US_ASCII);

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
    /** Line of each {@code seq} seen (index = seq), 0 = not seen. */
    private int[] seqLines = new int[1024];
    private long maxSeq;
    /**
     * The previous line, when it was a contract-1 line (no seq): where it starts in {@code buf}
     * while it is still there (-1 after the window moved on), else the hash of its bytes.
     */
    private int prevStart = -1;
    private int prevLength;
    private long prevHash;
    private boolean havePrevious;
    /** Lines without a readable seq since the last numbered one. */
    private long unnumbered;
    private boolean runStarted;
    /** After a second {@code run_started} nothing more is used. */
    private boolean ignoreRest;
    private final Set<Integer> checkpointSteps = new HashSet<>();

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

    /** Problems found but not listed, beyond {@link #MAX_WARNINGS}. */
    public int unlistedWarnings() {
        return Math.max(0, warningCount - MAX_WARNINGS + 1);
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
            if (havePrevious && prevStart >= 0) { // the window moves on: keep the previous line as a hash
                prevHash = hash(prevStart, prevLength);
                prevStart = -1;
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

    /** What one line is, found without touching the tail's state (so lines parse in parallel). */
    private enum Kind { BLANK, SKIPPED, EVENT, UNREADABLE, UNKNOWN_TYPE }

    /**
     * One parsed line: its kind, the event or the problem (for UNKNOWN_TYPE the type, null when it
     * has none), its {@code seq} ({@link EventLines#ABSENT} for a contract-1 line), whether it
     * started with a byte-order mark.
     */
    private record Parsed(Kind kind, RunEvent event, String message, long seq, boolean bom) {
        static final Parsed BLANK_LINE = new Parsed(Kind.BLANK, null, null, EventLines.ABSENT, false);
    }

    private Object parse(int start, int len) {
        if (isBlank(start, len)) {
            return Parsed.BLANK_LINE;
        }
        boolean bom = len >= 3 && buf[start] == (byte) 0xEF && buf[start + 1] == (byte) 0xBB && buf[start + 2] == (byte) 0xBF;
        if (bom) {
            start += 3;
            len -= 3;
        }
        long seq = EventLines.seq(buf, start, len);
        if (!types.isEmpty()) {
            String leading = leadingType(start, len);
            if (leading != null && !wanted(leading) && !ALWAYS_PARSED.contains(leading)) {
                return new Parsed(Kind.SKIPPED, null, null, seq, bom);
            }
        }
        int bad = Utf8.firstInvalid(buf, start, len);
        if (bad >= 0) {
            return new Parsed(Kind.UNREADABLE, null, String.format("not valid UTF-8 (byte 0x%02X at column %d); skipped",
                    buf[start + bad] & 0xFF, bad + 1 + (bom ? 3 : 0)), seq, bom);
        }
        RunEvent event;
        try {
            event = RunJson.MAPPER.readValue(buf, start, len, RunEvent.class);
        } catch (IOException e) {
            return new Parsed(Kind.UNREADABLE, null, describe(e), seq, bom);
        }
        if (event == null) {
            return new Parsed(Kind.UNKNOWN_TYPE, null, typeOf(start, len), seq, bom);
        }
        long v = EventLines.version(buf, start, len);
        String problem = v == EventLines.ABSENT ? "no \"v\" field (the contract version)"
                : event.step() != RunEvent.NO_STEP && EventLines.topLevel(buf, start, len, STEP_KEY) == EventLines.NOT_A_COUNT
                        ? "impossible value: step must be a non-negative integer; skipped"
                : v != RunEvent.VERSION ? "unknown contract version \"v\" " + (v == EventLines.NOT_A_COUNT ? "(not 1)" : v)
                        + " (written by a newer program?); skipped"
                : seq == EventLines.NOT_A_COUNT || seq == 0 ? "\"seq\" is not a positive integer"
                : EventValues.problem(event);
        if (problem != null) {
            return new Parsed(Kind.UNREADABLE, null, problem.endsWith("skipped") ? problem
                    : "impossible value: " + problem + "; skipped", seq, bom);
        }
        return new Parsed(Kind.EVENT, event, null, seq, bom);
    }

    /** Applies one parsed line in order; returns true when a {@code resumed} event forced a restart. */
    private boolean apply(Object parsedLine, long lineOffset, int len, List<LoggedEvent> events,
            List<ReadWarning> warnings) {
        Parsed p = (Parsed) parsedLine;
        if (p.kind() == Kind.BLANK || ignoreRest) {
            return false;
        }
        if (p.bom()) {
            addWarning(warnings, warn(line, "starts with a byte-order mark (EF BB BF), which a JSON Lines file must not "
                    + "contain; read without it"));
        }
        if (duplicate(p, (int) (lineOffset - offset), len, warnings)) {
            return false;
        }
        if (p.kind() == Kind.UNREADABLE) {
            addWarning(warnings, warn(line, p.message()));
            return false;
        }
        if (p.kind() == Kind.UNKNOWN_TYPE) {
            if (p.message() == null) {
                addWarning(warnings, warn(line, "no \"type\" field"));
            } else if (unknownTypes.add(p.message())) {
                addWarning(warnings, warn(line, "unknown event type '" + p.message()
                        + "' skipped (written by a newer version?); further lines of this type are skipped silently"));
            }
            return false;
        }
        if (p.kind() == Kind.SKIPPED) {
            return false;
        }
        RunEvent event = p.event();
        if (event instanceof RunStarted) {
            if (runStarted) {
                ignoreRest = true;
                addWarning(warnings, warn(line, "a second run_started: the log holds two runs (appended to itself, or "
                        + "two logs joined); this line and every later one are skipped"));
                return false;
            }
            runStarted = true;
        }
        if (event instanceof CheckpointEvent c) {
            checkpointSteps.add(c.step());
        }
        if (event instanceof Resumed r && !resumes.containsKey(line)) {
            if (r.fromStep() > 0 && !checkpointSteps.contains(r.fromStep())) {
                addWarning(warnings, warn(line, "resumed from_step " + r.fromStep() + " names no checkpoint logged "
                        + "before it; ignored (it would void the steps after " + r.fromStep() + ")"));
                return false;
            }
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

    /**
     * The sequence rules: reports a repeated {@code seq} or, in a contract-1 log, an exact repeat of
     * the previous line (returns true: skip it), and a jump or step back in {@code seq} (kept).
     */
    private boolean duplicate(Parsed p, int at, int len, List<ReadWarning> warnings) {
        long seq = p.seq();
        if (seq < 1) {
            unnumbered++; // a garbled line whose seq is lost accounts for one number of a jump
        }
        if (seq == EventLines.ABSENT) {
            boolean repeat = false;
            if (havePrevious && len == prevLength) { // lines of equal length are rare but for repeats: compare then
                repeat = prevStart >= 0 ? Arrays.equals(buf, prevStart, prevStart + len, buf, at, at + len)
                        : hash(at, len) == prevHash;
            }
            havePrevious = true;
            prevStart = at;
            prevLength = len;
            if (repeat) {
                addWarning(warnings, warn(line, "repeats line " + (line - 1) + " exactly: a duplicate; skipped"));
                return true;
            }
            if (maxSeq > 0 && (p.kind() == Kind.EVENT || p.kind() == Kind.SKIPPED)) {
                addWarning(warnings, warn(line, "no \"seq\" although earlier lines are numbered (a line from another file?)"));
            }
            return false;
        }
        if (seq < 1) {
            return false; // reported as unreadable
        }
        if (seq > 4 * (line + 1024)) {
            addWarning(warnings, warn(line, "seq " + seq + " is far beyond the " + line + " lines read: not a "
                    + "sequence number of this log; skipped"));
            return true;
        }
        int index = (int) seq;
        if (index >= seqLines.length) {
            seqLines = Arrays.copyOf(seqLines, Math.max(index + 1, seqLines.length * 2));
        }
        havePrevious = false;
        if (seqLines[index] != 0) {
            addWarning(warnings, warn(line, "duplicate of line " + seqLines[index] + " (both have seq " + seq + "); skipped"));
            return true;
        }
        seqLines[index] = (int) line;
        long from = maxSeq == 0 ? line - 1 : maxSeq;
        long missing = seq - from - 1;
        long unexplained = missing - unnumbered;
        unnumbered = 0;
        if (seq > from + 1 && unexplained > 0) {
            addWarning(warnings, warn(line, "seq jumps from " + from + " to " + seq + ": " + missing + " line"
                    + (missing == 1 ? "" : "s") + " missing or moved"));
        } else if (seq < maxSeq) {
            addWarning(warnings, warn(line, "seq " + seq + " comes after seq " + maxSeq + ": out of order (a moved line)"));
        }
        maxSeq = Math.max(maxSeq, seq);
        return false;
    }

    private long hash(int start, int len) {
        long h = 0xcbf29ce484222325L;
        for (int i = start; i < start + len; i++) {
            h = (h ^ (buf[i] & 0xff)) * 0x100000001b3L;
        }
        return h;
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
        Arrays.fill(seqLines, 0);
        maxSeq = 0;
        prevHash = 0;
        prevStart = -1;
        havePrevious = false;
        unnumbered = 0;
        runStarted = false;
        ignoreRest = false;
        checkpointSteps.clear();
    }

    private void addWarning(List<ReadWarning> warnings, ReadWarning w) {
        warningCount++;
        if (warningCount < MAX_WARNINGS) {
            warnings.add(w);
        } else if (warningCount == MAX_WARNINGS) {
            warnings.add(warn(w.line(), "too many problems; no further ones are listed (they are counted)"));
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
        if (e instanceof MismatchedInputException m && explicitNull(m)) {
            return "impossible value: " + path(m) + " is null; skipped";
        }
        if (e instanceof MismatchedInputException m) {
            String msg = m.getOriginalMessage();
            if (msg.startsWith("Missing required creator property")) {
                int a = msg.indexOf('\'');
                int b = msg.indexOf('\'', a + 1);
                return "missing field '" + msg.substring(a + 1, b) + "'";
            }
            String where = path(m);
            String expected = expected(m.getTargetType());
            Object value = e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f ? f.getValue() : null;
            if (expected != null) {
                return "wrong type" + (where.isEmpty() ? "" : " in field '" + where + "'") + ": expected " + expected
                        + (value == null ? "" : ", got " + (value instanceof String str ? "\"" + str + "\"" : value));
            }
            return "wrong value" + (where.isEmpty() ? "" : " in field '" + where + "'") + " ("
                    + msg.lines().findFirst().orElse("").replaceAll(" \\(but (?:might|could) if.*$", "") + ")";
        }
        if (e instanceof JsonProcessingException j) {
            return "unusable event (" + j.getOriginalMessage().lines().findFirst().orElse("") + ")";
        }
        return "cannot be read (" + e.getMessage() + ")";
    }

    /**
     * An explicit {@code null} where the contract has a count, a number or a flag (see
     * {@link RunJson#MAPPER}): a field ({@code "tokens":null}) or an element of a number array.
     */
    private static boolean explicitNull(MismatchedInputException m) {
        String msg = m.getOriginalMessage();
        return m instanceof InvalidNullException
                || msg != null && (msg.startsWith("Cannot coerce `null`") || msg.startsWith("Cannot map `null`"));
    }

    /** The JSON path of a mapping problem: {@code trajectories[0].tokens}. */
    private static String path(MismatchedInputException m) {
        StringBuilder sb = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class || type == float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
