package org.rmel.base;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells environment faults (disk full, permission denied, read-only file system, I/O error) from
 * other I/O failures, and turns an {@link IOException} into the project's two exception types with
 * one readable message. The JDK reports these only through the OS's message text
 * ({@code "No space left on device"}) or an {@link AccessDeniedException}, so this is the one
 * place that reads them.
 */
public final class IoFaults {
    private IoFaults() {
    }

    /**
     * What kind of environment fault {@code e} is, in words ({@code "disk full"}, {@code "permission
     * denied"}, {@code "read-only file system"}, {@code "disk quota exceeded"}, {@code "I/O error"}),
     * or empty when it is not one (a missing file, a malformed file: the input's fault).
     */
    public static Optional<String> kind(IOException e) {
        if (e instanceof AccessDeniedException) {
            return Optional.of("permission denied");
        }
        String text = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        if (text == null) {
            return Optional.empty();
        }
        String m = text.toLowerCase(Locale.ROOT);
        if (m.contains("no space left on device") || m.contains("not enough space") || m.contains("disk full")) {
            return Optional.of("disk full");
        }
        if (m.contains("disk quota exceeded")) {
            return Optional.of("disk quota exceeded");
        }
        if (m.contains("read-only file system")) {
            return Optional.of("read-only file system");
        }
        if (m.contains("permission denied") || m.contains("operation not permitted") || m.contains("access is denied")) {
            return Optional.of("permission denied");
        }
        if (m.contains("input/output error")) {
            return Optional.of("I/O error");
        }
        return Optional.empty();
    }

    /** The first environment fault in {@code t}'s cause chain, as an exception to report; empty if none. */
    public static Optional<EnvironmentException> find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof EnvironmentException env) {
                return Optional.of(env);
            }
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof IOException io) {
                Optional<String> kind = kind(io);
                if (kind.isPresent()) {
                    String context = t == io ? pathOf(io) : Messages.clean(t.getMessage());
                    return Optional.of(new EnvironmentException(
                            (context == null || context.isBlank() ? "" : context + ": ") + describe(io), t));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The exception to throw for an I/O failure while doing {@code what} (a file and an action,
     * e.g. {@code "RUN/events.jsonl: cannot append"}): an {@link EnvironmentException} for a
     * machine fault, else a {@link BadInputException}; the cause is kept.
     */
    public static RuntimeException wrap(String what, IOException e) {
        String message = what + " (" + describe(e) + ")";
        return kind(e).isPresent() ? new EnvironmentException(message, e) : new BadInputException(message, e);
    }

    /** One readable phrase for {@code e}: the fault's kind and the OS's words, or the exception's own text. */
    public static String describe(IOException e) {
        Optional<String> kind = kind(e);
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : null;
        if (kind.isPresent()) {
            String detail = reason != null ? reason : e instanceof AccessDeniedException ? null : Messages.clean(e.getMessage());
            return detail == null || detail.equalsIgnoreCase(kind.get()) ? kind.get() : kind.get() + ": " + detail;
        }
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return "no such file or folder: " + n.getFile();
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return "already exists: " + f.getFile();
        }
        if (e instanceof java.nio.file.NotDirectoryException n) {
            return "not a folder: " + n.getFile();
        }
        String text = Messages.clean(e.getMessage());
        return text == null || text.isBlank() ? e.getClass().getSimpleName() : text;
    }

    private static String pathOf(IOException e) {
        if (e instanceof FileSystemException f) {
            return f.getFile();
        }
        return null;
    }
}
