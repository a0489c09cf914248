package org.rmel.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import org.rmel.base.BadInputException;
import org.rmel.base.EnvironmentException;
import org.rmel.base.IoFaults;
import org.rmel.base.Messages;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one exit-code and error-line policy of every command (installed on the root command, so
 * every subcommand, present and future, gets it without doing anything):
 *
 * <ul>
 *   <li>0: done;</li>
 *   <li>2 ({@link BadInputException#EXIT_CODE}): unusable input — a command line that does not
 *       parse, a file, line, field or setting that cannot be used; one {@code error:} line naming it;</li>
 *   <li>4 ({@link EnvironmentException#EXIT_CODE}): the machine's fault — disk full, permission
 *       denied, read-only file system, I/O error, out of memory; one {@code error:} line naming the
 *       file; run the command again once it is fixed (a run resumes with {@code train --resume});</li>
 *   <li>1: anything else, which is a bug: one {@code error: internal error …} line.</li>
 * </ul>
 *
 * Commands may return other codes of their own (e.g. {@code datasets}: 1 download failed, 3 checksum
 * mismatch). Jackson's {@code at [Source: …]} suffixes never reach the user; the stack trace is
 * printed only with the environment variable {@code RMEL_DEBUG=1}.
 */
final class CommandFailures implements IExecutionExceptionHandler, IParameterExceptionHandler {
    /** Exit code of an unexpected failure (a bug). */
    static final int INTERNAL_ERROR = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        return report(ex, cmd.getErr());
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String message = Messages.clean(ex.getMessage());
        StringBuilder line = new StringBuilder("error: ")
                .append(message.endsWith(".") ? message.substring(0, message.length() - 1) : message);
        if (ex instanceof UnmatchedArgumentException u) {
            List<String> suggestions = u.getSuggestions();
            if (!suggestions.isEmpty()) {
                line.append(" (did you mean ").append(String.join(" or ", suggestions.subList(0, Math.min(3,
                        suggestions.size())))).append("?)");
            }
        }
        line.append("; see '").append(cmd.getCommandSpec().qualifiedName()).append(" --help'");
        err.println(line);
        debugTrace(ex, err);
        err.flush();
        return BadInputException.EXIT_CODE;
    }

    /** Prints the one {@code error:} line for {@code t} and returns the exit code. */
    static int report(Throwable t, PrintWriter err) {
        int code;
        Optional<EnvironmentException> env = IoFaults.find(t);
        if (env.isPresent()) {
            err.println("error: " + Messages.clean(env.get().getMessage()));
            code = EnvironmentException.EXIT_CODE;
        } else if (t instanceof BadInputException) {
            err.println("error: " + Messages.clean(t.getMessage()));
            code = BadInputException.EXIT_CODE;
        } else if (t instanceof OutOfMemoryError) {
            err.println("error: out of memory (" + Messages.clean(t.getMessage())
                    + "); give Java more with -Xmx, or use smaller settings");
            code = EnvironmentException.EXIT_CODE;
        } else {
            String msg = Messages.clean(t.getMessage());
            err.println("error: internal error: " + t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg)
                    + " (a bug; RMEL_DEBUG=1 prints the stack trace)");
            code = INTERNAL_ERROR;
        }
        debugTrace(t, err);
        err.flush();
        return code;
    }

    private static void debugTrace(Throwable t, PrintWriter err) {
        if ("1".equals(System.getenv("RMEL_DEBUG")) || Boolean.getBoolean("rmel.debug")) {
            t.printStackTrace(err);
        }
    }
}
