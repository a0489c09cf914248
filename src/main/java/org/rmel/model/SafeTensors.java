package org.rmel.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rmel.base.BadInputException;

/**
 * The safetensors file format: an 8-byte little-endian header length, a JSON header naming each
 * tensor's dtype, shape and byte range, then the raw little-endian data. Floating-point tensors
 * are returned as float32 whatever their stored precision (F32, BF16, F16).
 */
final class SafeTensors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 100L * 1024 * 1024;

    /** A tensor read from a file, widened to float32. */
    record Tensor(long[] shape, FloatBuffer data) {}

    /** A file's tensors plus its free-form {@code __metadata__} strings. */
    record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {}

    private SafeTensors() {}

    static Contents read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new BadInputException(file + ": too short to be a safetensors file");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(lenBuf, 0);
            long headerLen = lenBuf.flip().getLong();
            if (headerLen <= 0 || headerLen > MAX_HEADER || 8 + headerLen > size) {
                throw new BadInputException(file + ": bad safetensors header length " + headerLen);
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLen);
            ch.read(header, 8);
            JsonNode root;
            try {
                root = JSON.readTree(new String(header.array(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new BadInputException(file + ": safetensors header is not valid JSON: " + e.getMessage());
            }
            long dataStart = 8 + headerLen;
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__metadata__")) {
                    e.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                    continue;
                }
                tensors.put(e.getKey(), readTensor(file, ch, dataStart, size, e.getKey(), e.getValue()));
            }
            return new Contents(tensors, metadata);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BadInputException(file + ": missing");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static Tensor readTensor(Path file, FileChannel ch, long dataStart, long fileSize, String name,
            JsonNode info) throws IOException {
        String where = file + ": tensor '" + name + "'";
        String dtype = info.path("dtype").asText("");
        JsonNode shapeNode = info.get("shape");
        JsonNode offsets = info.get("data_offsets");
        if (shapeNode == null || !shapeNode.isArray() || offsets == null || !offsets.isArray() || offsets.size() != 2) {
            throw new BadInputException(where + ": header entry needs 'shape' and two 'data_offsets'");
        }
        long[] shape = new long[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong();
            count *= shape[i];
        }
        int width = switch (dtype) {
            case "F32" -> 4;
            case "BF16", "F16" -> 2;
            default -> throw new BadInputException(where + ": dtype " + dtype
                    + " is not supported (need F32, BF16 or F16)");
        };
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        if (end - begin != count * width || begin < 0 || dataStart + end > fileSize) {
            throw new BadInputException(where + ": byte range [" + begin + ", " + end + ") does not fit "
                    + dtype + " shape " + shapeNode + " in a file of " + fileSize + " bytes");
        }
        if (count > Integer.MAX_VALUE) {
            throw new BadInputException(where + ": too large (" + count + " elements)");
        }
        ByteBuffer raw = ch.map(FileChannel.MapMode.READ_ONLY, dataStart + begin, end - begin)
                .order(ByteOrder.LITTLE_ENDIAN);
        FloatBuffer out = ByteBuffer.allocateDirect((int) count * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        switch (dtype) {
            case "F32" -> out.put(raw.asFloatBuffer());
            case "BF16" -> {
                for (int i = 0; i < count; i++) {
                    out.put(Float.intBitsToFloat((raw.getShort() & 0xffff) << 16));
                }
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    out.put(halfToFloat(raw.getShort()));
                }
            }
        }
        out.flip();
        return new Tensor(shape, out);
    }

    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant / 1024f / 16384f; // subnormal: mant * 2^-24
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** Writes float32 tensors in the given order, with optional metadata strings. */
    static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode m = header.putObject("__metadata__");
            metadata.forEach(m::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", "F32");
            var s = t.putArray("shape");
            for (long d : e.getValue().shape()) {
                s.add(d);
            }
            long bytes = 4L * e.getValue().data().remaining();
            t.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] headerBytes;
        try {
            headerBytes = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        // the data section starts 8-byte aligned, as the format recommends
        int padded = (headerBytes.length + 7) / 8 * 8;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
            head.putLong(padded).put(headerBytes);
            while (head.hasRemaining()) {
                head.put((byte) ' ');
            }
            head.flip();
            writeFully(ch, head);
            for (Tensor t : tensors.values()) {
                FloatBuffer src = t.data().duplicate();
                ByteBuffer buf = ByteBuffer.allocate(src.remaining() * 4).order(ByteOrder.LITTLE_ENDIAN);
                buf.asFloatBuffer().put(src);
                writeFully(ch, buf);
            }
        } catch (IOException e) {
            throw org.rmel.base.IoFaults.wrap(file + ": cannot write", e);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }
}
