package org.rmel.gpu;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.rmel.fetch.Checksums;
import org.rmel.fetch.FetchException;
import org.rmel.fetch.Fetcher;

/**
 * {@code gpu setup}: installs the CUDA build of libtorch {@value CudaLibtorch#VERSION}
 * ({@value CudaLibtorch#FLAVOR}, {@value CudaLibtorch#CLASSIFIER}) into a folder, by default the one in
 * DJL's cache where DJL's own downloader would put it, from one of three sources:
 *
 * <ul>
 *   <li>DJL's published index (or a mirror of it at another URL): {@code files.txt} lists gzipped
 *       libraries, each downloaded with resume (HTTP Range; a broken transfer is retried, and what
 *       arrived is kept for the next run);</li>
 *   <li>a mirror on disk: a folder with {@code files.txt} and the listed {@code .gz} files;</li>
 *   <li>an unpacked libtorch 2.7.1 CUDA folder (e.g. the official archive), whose libraries are copied.</li>
 * </ul>
 *
 * Integrity: each gzip's CRC-32 and length are checked while unpacking (DJL's index carries no
 * checksums; the gzip trailer is the end-to-end check its files have), every library must start with
 * an ELF header, and the manifest records each file's size and SHA-256. Atomicity: everything is
 * assembled in a hidden staging folder beside the target (kept between runs so a download resumes)
 * and moved into place in one rename, so DJL never sees a half-installed set.
 */
public final class LibtorchInstaller {
    /** Retries of a transfer that broke off, each resuming where it stopped. */
    public static final int RETRIES = 3;
    private static final byte[] ELF = {0x7f, 'E', 'L', 'F'};

    /** Where the libraries come from. */
    public sealed interface Source permits Index, Mirror, Folder {
        String describe();
    }

    /** DJL's published index, or a mirror of it, at a URL ending in '/'. */
    public record Index(URI base) implements Source {
        public String describe() {
            return base.toString();
        }
    }

    /** A mirror of the index on disk. */
    public record Mirror(Path dir) implements Source {
        public String describe() {
            return dir.toString();
        }
    }

    /** An unpacked libtorch folder. */
    public record Folder(LibtorchFolder folder) implements Source {
        public String describe() {
            return folder.libDir().toString();
        }
    }

    /** What {@link #install} did. */
    public enum Outcome { INSTALLED, ALREADY_INSTALLED }

    public record Result(Outcome outcome, Path dir, long files, long bytes) {
    }

    private final Fetcher fetcher;
    private final String userAgent;
    private final SetupProgress progress;
    private final Duration retryDelay;
    private final int retries;

    /**
     * @param retryDelay wait before the first retry of a broken transfer (doubled, tripled, ... after)
     * @param retries how often a broken transfer is resumed before giving up (see {@link #RETRIES})
     */
    public LibtorchInstaller(Fetcher fetcher, String userAgent, SetupProgress progress, Duration retryDelay,
            int retries) {
        this.fetcher = fetcher;
        this.userAgent = userAgent;
        this.progress = progress;
        this.retryDelay = retryDelay;
        this.retries = retries;
    }

    /** The default source: DJL's published index. */
    public static Source djlIndex() {
        return new Index(CudaLibtorch.DJL_INDEX);
    }

    /** {@code --from}: a URL (a mirror of DJL's index), a folder holding files.txt, or a libtorch folder. */
    public static Source source(String from) throws SetupException {
        String f = from.trim();
        if (f.startsWith("http://") || f.startsWith("https://")) {
            return new Index(URI.create(f.endsWith("/") ? f : f + "/"));
        }
        Path p = Path.of(f);
        if (Files.isRegularFile(p.resolve("files.txt"))) {
            return new Mirror(p.toAbsolutePath().normalize());
        }
        Optional<LibtorchFolder> folder = LibtorchFolder.inspect(p);
        if (folder.isEmpty()) {
            throw new SetupException(SetupException.Kind.BAD_SOURCE, "--from " + from + ": neither a mirror of DJL's "
                    + "index (no files.txt) nor a libtorch folder (no libtorch.so there or in lib/)");
        }
        LibtorchFolder lt = folder.get();
        if (!lt.cudaLibraries()) {
            throw new SetupException(SetupException.Kind.BAD_SOURCE, "--from " + from + ": a CPU build of libtorch "
                    + "(no libtorch_cuda.so); the GPU needs the CUDA build " + CudaLibtorch.VERSION + "+" + CudaLibtorch.FLAVOR);
        }
        if (!lt.version().equals(CudaLibtorch.VERSION)) {
            throw new SetupException(SetupException.Kind.BAD_SOURCE, "--from " + from + ": libtorch "
                    + (lt.version().isEmpty() ? "of unknown version (" + lt.described() + ")" : lt.version())
                    + ", but DJL " + CudaLibtorch.DJL_VERSION + "'s JNI needs " + CudaLibtorch.VERSION);
        }
        return new Folder(lt);
    }

    /**
     * Installs into {@code target} (a folder that will hold the libraries); with {@code force} an
     * existing installation is replaced.
     */
    public Result install(Source source, Path target, boolean force) throws SetupException {
        Path dir = target.toAbsolutePath().normalize();
        Optional<String> whole = wholeInstallation(dir);
        if (whole.isPresent() && !force) {
            progress.note(whole.get());
            return new Result(Outcome.ALREADY_INSTALLED, dir, 0, 0);
        }
        Path staging = dir.resolveSibling("." + dir.getFileName() + ".partial");
        Path lib = staging.resolve("lib");
        try {
            Files.createDirectories(lib);
            Files.createDirectories(staging.resolve("gz"));
        } catch (IOException e) {
            throw localIo(staging, e);
        }
        if (source instanceof Index i) {
            fromIndex(i, staging);
        } else if (source instanceof Mirror m) {
            fromMirror(m, staging);
        } else {
            fromFolder((Folder) source, lib);
        }
        addJni(lib);
        InstallManifest manifest = verify(lib, source);
        moveIntoPlace(lib, dir);
        deleteTree(staging);
        long bytes = manifest.files().stream().mapToLong(InstallManifest.Entry::bytes).sum();
        return new Result(Outcome.INSTALLED, dir, manifest.files().size(), bytes);
    }

    /** Why the folder already is a whole installation, or empty when it is not (missing, damaged). */
    private Optional<String> wholeInstallation(Path dir) {
        Optional<LibtorchFolder> f = LibtorchFolder.inspect(dir);
        if (f.isEmpty() || !f.get().libDir().equals(dir)) {
            return Optional.empty();
        }
        Optional<InstallManifest> manifest = InstallManifest.read(dir);
        if (manifest.isPresent()) {
            List<String> damage = manifest.get().damage(dir);
            if (!damage.isEmpty()) {
                progress.note("the installation in " + dir + " is damaged (" + String.join("; ", damage) + "); installing again");
                return Optional.empty();
            }
            return Optional.of("libtorch " + manifest.get().version() + " (" + manifest.get().flavor() + ") is already "
                    + "installed in " + dir + " (" + manifest.get().files().size() + " files, sizes checked); nothing to do");
        }
        if (f.get().cudaLibraries()) {
            return Optional.of("a CUDA libtorch is already in " + dir + " (put there by DJL's own downloader or by hand; "
                    + "not verified: use --force to reinstall it); nothing to do");
        }
        return Optional.empty();
    }

    // ---- sources ---------------------------------------------------------------------------------

    private void fromIndex(Index source, Path staging) throws SetupException {
        progress.phase("reading the index " + source.base().resolve("files.txt"));
        Path indexFile = staging.resolve("files.txt");
        URI indexUrl = source.base().resolve("files.txt");
        try {
            fetcher.fetch(indexUrl, indexFile, new Fetcher.Options(userAgent, false, null));
        } catch (FetchException e) {
            throw downloadFailure(e, indexUrl, 0);
        }
        List<LibtorchIndex.Entry> entries = entries(readIndex(indexFile), indexUrl.toString());
        List<LibtorchIndex.Entry> todo = entries.stream().filter(e -> !Files.exists(staging.resolve("lib").resolve(e.fileName())))
                .toList();
        if (todo.size() < entries.size()) {
            progress.note((entries.size() - todo.size()) + " of " + entries.size() + " files were already unpacked by an "
                    + "earlier run; continuing with the rest");
        }
        progress.phase("checking the sizes of " + todo.size() + " files");
        long allTotal = 0;
        for (LibtorchIndex.Entry e : todo) {
            long n = fetcher.declaredLength(source.base().resolve(e.path()), userAgent);
            if (n < 0) {
                allTotal = -1;
                break;
            }
            allTotal += n;
        }
        checkSpace(staging, allTotal);
        long[] allDone = {0};
        for (LibtorchIndex.Entry e : todo) {
            URI url = source.base().resolve(e.path());
            Path gz = staging.resolve("gz").resolve(e.fileName() + ".gz");
            long totalSoFar = allDone[0];
            long all = allTotal;
            for (int corrupt = 0; ; corrupt++) {
                downloadWithRetries(url, gz, e.fileName(), (done, total) ->
                        progress.bytes(e.fileName(), done, total, totalSoFar + done, all));
                try {
                    unpack(gz, staging.resolve("lib").resolve(e.fileName()), url.toString());
                    break;
                } catch (SetupException bad) {
                    delete(gz);
                    if (bad.kind() != SetupException.Kind.CORRUPT || corrupt >= 1) {
                        throw bad;
                    }
                    progress.note(bad.getMessage() + "; downloading it again");
                }
            }
            allDone[0] += sizeOf(gz);
            delete(gz);
        }
    }

    private interface Bytes {
        void at(long done, long total);
    }

    private void downloadWithRetries(URI url, Path gz, String name, Bytes bytes) throws SetupException {
        for (int attempt = 1; ; attempt++) {
            long had = sizeOf(gz);
            if (had > 0) {
                progress.note("resuming " + name + " at " + mb(had));
            }
            try {
                fetcher.fetch(url, gz, new Fetcher.Options(userAgent, true, bytes::at));
                return;
            } catch (FetchException e) {
                if (e.kind() != FetchException.Kind.INCOMPLETE || attempt > retries) {
                    throw downloadFailure(e, url, sizeOf(gz));
                }
                progress.note(e.getMessage() + "; retrying (" + attempt + " of " + retries + ")");
                sleep(retryDelay.multipliedBy(attempt));
            }
        }
    }

    private void fromMirror(Mirror source, Path staging) throws SetupException {
        Path indexFile = source.dir().resolve("files.txt");
        List<LibtorchIndex.Entry> entries = entries(readIndex(indexFile), indexFile.toString());
        long allTotal = 0;
        for (LibtorchIndex.Entry e : entries) {
            Path gz = source.dir().resolve(e.path());
            if (!Files.isRegularFile(gz)) {
                throw new SetupException(SetupException.Kind.BAD_SOURCE, gz + ": missing (listed in " + indexFile + ")");
            }
            allTotal += sizeOf(gz);
        }
        checkSpace(staging, allTotal);
        for (LibtorchIndex.Entry e : entries) {
            Path out = staging.resolve("lib").resolve(e.fileName());
            if (!Files.exists(out)) {
                progress.phase("unpacking " + e.fileName());
                unpack(source.dir().resolve(e.path()), out, source.dir().resolve(e.path()).toString());
            }
        }
    }

    private void fromFolder(Folder source, Path lib) throws SetupException {
        List<Path> files;
        try (Stream<Path> s = Files.list(source.folder().libDir())) {
            files = s.filter(Files::isRegularFile).filter(p -> wanted(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new SetupException(SetupException.Kind.BAD_SOURCE, source.folder().libDir() + ": cannot list: "
                    + e.getMessage(), e);
        }
        if (!source.folder().flavor().equals(CudaLibtorch.FLAVOR)) {
            progress.note("note: " + source.folder().libDir() + " is " + source.folder().described()
                    + "; DJL's JNI is built for " + CudaLibtorch.FLAVOR + " and is used with it");
        }
        long allTotal = files.stream().mapToLong(LibtorchInstaller::sizeOf).sum();
        checkSpace(lib, allTotal);
        long allDone = 0;
        for (Path f : files) {
            Path out = lib.resolve(f.getFileName().toString());
            long size = sizeOf(f);
            long before = allDone;
            copy(f, out, (done, total) -> progress.bytes(f.getFileName().toString(), done, size, before + done, allTotal));
            allDone += size;
        }
    }

    /** Libraries DJL loads: every shared object except test and Python bindings, and no other JNI. */
    static boolean wanted(String name) {
        return name.matches(".*\\.so(\\.\\d+)*") && !name.contains("test") && !name.startsWith("libtorch_python")
                && !name.contains("djl_torch");
    }

    // ---- steps -----------------------------------------------------------------------------------

    private static String readIndex(Path file) throws SetupException {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new SetupException(SetupException.Kind.BAD_SOURCE, file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static List<LibtorchIndex.Entry> entries(String text, String where) throws SetupException {
        try {
            return LibtorchIndex.entries(text, CudaLibtorch.FLAVOR, CudaLibtorch.CLASSIFIER);
        } catch (IllegalArgumentException e) {
            throw new SetupException(SetupException.Kind.BAD_SOURCE, where + ": not DJL's index of libtorch "
                    + CudaLibtorch.VERSION + " (" + e.getMessage() + ")");
        }
    }

    /** Gunzips, checking the gzip trailer (CRC-32 and length); the output appears only when whole. */
    private void unpack(Path gz, Path out, String where) throws SetupException {
        progress.phase("unpacking " + out.getFileName());
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16)) {
            try (OutputStream o = Files.newOutputStream(tmp)) {
                in.transferTo(o);
            }
        } catch (ZipException | EOFException e) {
            delete(tmp);
            throw new SetupException(SetupException.Kind.CORRUPT, where + ": corrupted download (" + e.getMessage()
                    + ": the gzip check failed)", e);
        } catch (IOException e) {
            delete(tmp);
            throw localIo(out, e);
        }
        checkElf(tmp, where);
        try {
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw localIo(out, e);
        }
    }

    private static void checkElf(Path file, String where) throws SetupException {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, 4);
            if (n < 4 || head[0] != ELF[0] || head[1] != ELF[1] || head[2] != ELF[2] || head[3] != ELF[3]) {
                delete(file);
                throw new SetupException(SetupException.Kind.CORRUPT, where + ": not a shared library (no ELF header)");
            }
        } catch (IOException e) {
            throw localIo(file, e);
        }
    }

    private void copy(Path from, Path to, Bytes bytes) throws SetupException {
        Path tmp = to.resolveSibling(to.getFileName() + ".tmp");
        try (InputStream in = Files.newInputStream(from); OutputStream out = Files.newOutputStream(tmp)) {
            byte[] buf = new byte[1 << 16];
            long done = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                done += n;
                bytes.at(done, -1);
            }
        } catch (IOException e) {
            delete(tmp);
            throw localIo(to, e);
        }
        try {
            Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw localIo(to, e);
        }
    }

    /** DJL's cu128 JNI next to the libraries, so a read-only or shared install needs nothing written later. */
    private static void addJni(Path lib) throws SetupException {
        String resource = "jnilib/" + CudaLibtorch.CLASSIFIER + "/" + CudaLibtorch.FLAVOR + "/libdjl_torch.so";
        try (InputStream in = LibtorchInstaller.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                Files.copy(in, lib.resolve(CudaLibtorch.JNI_FILE), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw localIo(lib, e);
        }
    }

    private InstallManifest verify(Path lib, Source source) throws SetupException {
        progress.phase("verifying");
        List<InstallManifest.Entry> entries = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(lib)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".tmp"))
                    .sorted().toList();
            for (Path f : files) {
                if (f.getFileName().toString().matches(".*\\.so(\\.\\d+)*")) {
                    checkElf(f, f.toString());
                }
                entries.add(new InstallManifest.Entry(f.getFileName().toString(), Files.size(f), Checksums.sha256(f)));
            }
        } catch (IOException e) {
            throw localIo(lib, e);
        }
        for (String needed : List.of("libtorch.so", "libtorch_cpu.so", "libtorch_cuda.so", "libc10.so", "libc10_cuda.so")) {
            if (entries.stream().noneMatch(e -> e.name().equals(needed))) {
                throw new SetupException(SetupException.Kind.BAD_SOURCE, source.describe() + ": the set has no "
                        + needed + "; not a CUDA build of libtorch " + CudaLibtorch.VERSION);
            }
        }
        InstallManifest manifest = new InstallManifest(CudaLibtorch.VERSION, CudaLibtorch.FLAVOR, source.describe(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), entries);
        try {
            manifest.write(lib);
        } catch (IOException e) {
            throw localIo(lib, e);
        }
        return manifest;
    }

    /** One rename puts the whole set in place; an old installation is moved aside first, then removed. */
    private void moveIntoPlace(Path lib, Path dir) throws SetupException {
        try {
            Files.createDirectories(dir.getParent());
            Path old = null;
            if (Files.exists(dir)) {
                old = dir.resolveSibling("." + dir.getFileName() + ".old-" + System.nanoTime());
                Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(lib, dir, StandardCopyOption.ATOMIC_MOVE);
            if (old != null) {
                deleteTree(old);
            }
        } catch (IOException e) {
            throw localIo(dir, e);
        }
    }

    private void checkSpace(Path where, long compressedBytes) throws SetupException {
        if (compressedBytes <= 0) {
            return;
        }
        try {
            long free = Files.getFileStore(where).getUsableSpace();
            // the gzipped files plus the libraries (about 2.5 times larger) are on disk together for a moment
            long needed = compressedBytes * 4;
            if (free < needed) {
                throw new SetupException(SetupException.Kind.LOCAL_IO, where + ": needs about " + gb(needed)
                        + " free for the download and the unpacked libraries, but only " + gb(free) + " is free");
            }
        } catch (IOException e) {
            throw localIo(where, e);
        }
    }

    // ---- messages --------------------------------------------------------------------------------

    private static SetupException downloadFailure(FetchException e, URI url, long kept) {
        return switch (e.kind()) {
            case UNREACHABLE -> new SetupException(SetupException.Kind.OFFLINE, offlineMessage(e.getMessage()), e);
            case HTTP_STATUS -> new SetupException(SetupException.Kind.DOWNLOAD, e.getMessage()
                    + (e.status() == 404 ? " (no such file: --from may not be a mirror of DJL's index for libtorch "
                    + CudaLibtorch.VERSION + ")" : e.status() >= 500 ? " (a server-side problem; try again later)" : ""), e);
            case INCOMPLETE -> new SetupException(SetupException.Kind.DOWNLOAD, e.getMessage()
                    + (kept > 0 ? "; " + mb(kept) + " kept: run 'rmel gpu setup' again to resume" : ""), e);
            case LOCAL_IO -> new SetupException(SetupException.Kind.LOCAL_IO, e.getMessage(), e);
        };
    }

    /** The one message for a machine without a connection: what to download, and where to put it. */
    static String offlineMessage(String why) {
        return why + ". To install without a connection: on a machine that has one, download "
                + CudaLibtorch.DJL_INDEX.resolve("files.txt") + " and every file it lists under " + CudaLibtorch.FLAVOR
                + "/" + CudaLibtorch.CLASSIFIER + "/ into one folder, keeping their relative paths (or download and "
                + "unzip " + CudaLibtorch.OFFICIAL_ZIP + "), copy that folder here and run: rmel gpu setup --from FOLDER";
    }

    private static SetupException localIo(Path where, IOException e) {
        String why = e instanceof NoSuchFileException ? "no such file or folder"
                : e instanceof DirectoryNotEmptyException ? "folder not empty" : e.getMessage();
        return new SetupException(SetupException.Kind.LOCAL_IO, where + ": cannot write (" + why + ")", e);
    }

    /** "812 B", "12.3 kB", "45.6 MB", "1.2 GB". */
    static String mb(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        if (bytes < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
        }
        if (bytes < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
        return gb(bytes);
    }

    static String gb(long bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }

    private static long sizeOf(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover in the staging folder is replaced on the next run
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(LibtorchInstaller::delete);
        } catch (IOException ignored) {
            // leftovers are hidden and harmless
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
