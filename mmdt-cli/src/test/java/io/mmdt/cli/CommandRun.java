package io.mmdt.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The exit code and the two output streams of one in-process run of the command line. */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = MmdtCommand.newCommandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }
}
