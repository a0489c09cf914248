package org.rmel.gpu;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.rmel.testsupport.LocalHttpServer;

/**
 * Small stand-ins for DJL's published libtorch 2.7.1 cu128 set (each an ELF header and random
 * bytes, gzipped), served under {@code /pytorch/2.7.1/} by a {@link LocalHttpServer} with a
 * {@code files.txt} in DJL's format.
 */
public final class StandInLibtorch {
    public static final String PREFIX = "/pytorch/2.7.1/";
    public static final List<String> NAMES = List.of("libc10.so", "libc10_cuda.so", "libtorch.so", "libtorch_cpu.so",
            "libtorch_cuda.so", "libcudart-218eec4c.so.12");

    public final Map<String, byte[]> libraries = new LinkedHashMap<>();
    public final Map<String, byte[]> gzips = new LinkedHashMap<>();

    /** Serves the set (and an index that also lists other flavors and platforms) on {@code server}. */
    public StandInLibtorch(LocalHttpServer server) throws IOException {
        Random rnd = new Random(3);
        StringBuilder index = new StringBuilder("cpu/linux-x86_64/native/lib/libtorch.so.gz\n");
        for (String name : NAMES) {
            byte[] lib = new byte[40_000 + rnd.nextInt(20_000)];
            rnd.nextBytes(lib);
            System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F'}, 0, lib, 0, 4);
            libraries.put(name, lib);
            gzips.put(name, gzip(lib));
            String line = path(name);
            index.append(line).append('\n');
            server.serve(PREFIX + line, gzips.get(name));
        }
        index.append("cu128/win-x86_64/native/lib/torch.dll.gz\n");
        server.serve(PREFIX + "files.txt", index.toString(), Map.of());
    }

    /** The index-relative path of a library. */
    public static String path(String name) {
        return "cu128/linux-x86_64/native/lib/" + name + ".gz";
    }

    public static URI base(LocalHttpServer server) {
        return URI.create(server.uri() + PREFIX);
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
