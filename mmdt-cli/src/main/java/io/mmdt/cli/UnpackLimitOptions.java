package io.mmdt.cli;

import io.mmdt.knn.unpack.UnpackException;
import io.mmdt.knn.unpack.UnpackLimits;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options that change {@link UnpackLimits} for {@code --unpack}, shared by {@code hash}
 * and {@code classify}. Sizes take an optional binary suffix: {@code K}, {@code M} or
 * {@code G} (1024-based), as in {@code 512M}.
 */
final class UnpackLimitOptions {

    @Option(names = "--max-unpacked", paramLabel = "SIZE",
            description = "With --unpack: maximum member bytes read from one input, at all depths (default: 1G).")
    String maxUnpacked;

    @Option(names = "--max-members", paramLabel = "N",
            description = "With --unpack: maximum number of members of one input, at all depths (default: 100000).")
    Integer maxMembers;

    @Option(names = "--max-ratio", paramLabel = "N",
            description = "With --unpack: maximum compression ratio N:1 of one ZIP entry or gzip stream"
                    + " once it passes 1M (default: 100).")
    Integer maxRatio;

    @Option(names = "--max-depth", paramLabel = "N",
            description = "With --unpack: maximum number of containers around a member (default: 3).")
    Integer maxDepth;

    @Option(names = "--max-member-size", paramLabel = "SIZE",
            description = "With --unpack: maximum size of a member held in memory, such as a nested container"
                    + " or a gzip file's content (default: 128M).")
    String maxMemberSize;

    /**
     * Returns the limits for a command, or null when it does not unpack.
     *
     * @throws ParameterException if a limit option is given without {@code --unpack}, or a value
     *     is not a positive number or size, or is too large
     */
    UnpackLimits forCommand(CommandSpec spec, boolean unpack) {
        if (unpack) {
            return toLimits(spec);
        }
        if (maxUnpacked != null || maxMembers != null || maxRatio != null || maxDepth != null
                || maxMemberSize != null) {
            throw new ParameterException(spec.commandLine(), "the --max-unpacked, --max-members, --max-ratio,"
                    + " --max-depth and --max-member-size options need --unpack");
        }
        return null;
    }

    /** Returns the default limits changed by the options given. */
    private UnpackLimits toLimits(CommandSpec spec) {
        UnpackLimits.Builder builder = UnpackLimits.builder();
        if (maxUnpacked != null) {
            builder.maxTotalBytes(size(spec, "--max-unpacked", maxUnpacked));
        }
        if (maxMembers != null) {
            builder.maxMembers(positive(spec, "--max-members", maxMembers));
        }
        if (maxRatio != null) {
            builder.maxCompressionRatio(positive(spec, "--max-ratio", maxRatio));
        }
        if (maxDepth != null) {
            builder.maxDepth(positive(spec, "--max-depth", maxDepth));
        }
        if (maxMemberSize != null) {
            long bytes = size(spec, "--max-member-size", maxMemberSize);
            if (bytes > UnpackLimits.MAX_BUFFER_LIMIT) {
                throw new ParameterException(spec.commandLine(), "invalid value for --max-member-size: '"
                        + maxMemberSize + "' (expected at most " + UnpackLimits.MAX_BUFFER_LIMIT + " bytes)");
            }
            builder.maxBufferedBytes((int) bytes);
        }
        return builder.build();
    }

    private static int positive(CommandSpec spec, String option, int value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(),
                    "invalid value for " + option + ": " + value + " (expected 1 or more)");
        }
        return value;
    }

    /**
     * Returns the exception's message, followed for a broken limit by the option that
     * raises it, so that a command-line user need not map the library's field names.
     */
    static String describe(UnpackException e) {
        String option = switch (e.reason()) {
            case TOTAL_BYTES_LIMIT -> "--max-unpacked";
            case MEMBER_COUNT_LIMIT -> "--max-members";
            case COMPRESSION_RATIO_LIMIT -> "--max-ratio";
            case DEPTH_LIMIT -> "--max-depth";
            case BUFFER_LIMIT -> "--max-member-size";
            case CORRUPT, ENCRYPTED, UNSUPPORTED_METHOD -> null;
        };
        return option == null ? e.getMessage() : e.getMessage() + "; raise it with " + option;
    }

    /** Parses a positive byte count with an optional K, M or G suffix. */
    static long size(CommandSpec spec, String option, String text) {
        String trimmed = text.trim().toUpperCase(Locale.ROOT);
        int shift = 0;
        if (trimmed.endsWith("K")) {
            shift = 10;
        } else if (trimmed.endsWith("M")) {
            shift = 20;
        } else if (trimmed.endsWith("G")) {
            shift = 30;
        }
        String digits = shift == 0 ? trimmed : trimmed.substring(0, trimmed.length() - 1);
        String invalid = "invalid value for " + option + ": '" + text + "' ";
        long value;
        try {
            value = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            // Only a run of digits can fail to parse by being too long for a long.
            boolean tooLong = digits.matches("[0-9]+");
            throw new ParameterException(spec.commandLine(), invalid + (tooLong
                    ? "(too large; expected at most " + Long.MAX_VALUE + " bytes)"
                    : "(expected a positive number of bytes, optionally with K, M or G)"));
        }
        if (value > (Long.MAX_VALUE >> shift)) {
            throw new ParameterException(spec.commandLine(),
                    invalid + "(too large; expected at most " + Long.MAX_VALUE + " bytes)");
        }
        if (value < 1) {
            throw new ParameterException(spec.commandLine(),
                    invalid + "(expected a positive number of bytes, optionally with K, M or G)");
        }
        return value << shift;
    }
}
