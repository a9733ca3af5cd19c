package io.mmdt.cli;

/**
 * A failure that ends a command with a message and a chosen exit code, without a stack
 * trace: for example an unreadable store (exit code 2). Commands throw it; the command line
 * prints {@code mmdt: MESSAGE} on standard error and exits with {@link #exitCode()}.
 */
public final class CliFailure extends RuntimeException {

    private final int exitCode;

    /** Creates a failure with the given exit code and a message that describes what went wrong. */
    public CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** Creates a failure with the given exit code, message and cause. */
    public CliFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Returns the process exit code for this failure. */
    public int exitCode() {
        return exitCode;
    }
}
