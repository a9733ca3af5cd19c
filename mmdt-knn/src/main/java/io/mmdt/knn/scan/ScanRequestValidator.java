package io.mmdt.knn.scan;

import io.mmdt.core.MmdtHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks the fields of a {@link ScanRequest} and builds the error reply for the first problem. */
final class ScanRequestValidator {

    private static final int MD5_HEX_DIGITS = 32;
    private static final int SHA1_HEX_DIGITS = 40;

    /** Maximum length of a value quoted in an error message. Longer values are cut so that replies stay small. */
    private static final int MAX_QUOTED_LENGTH = 80;

    private ScanRequestValidator() {
    }

    /**
     * Returns the error reply for an invalid request, or empty if the request is valid. Missing
     * fields are reported first, all in one message, then the first of md5, sha1 and mmdt
     * that is malformed.
     */
    static Optional<ScanReply> validate(ScanRequest request) {
        List<String> missing = new ArrayList<>();
        if (request.md5() == null) {
            missing.add("md5");
        }
        if (request.sha1() == null) {
            missing.add("sha1");
        }
        if (request.fileName() == null) {
            missing.add("file_name");
        }
        if (request.mmdt() == null) {
            missing.add("mmdt");
        }
        if (!missing.isEmpty()) {
            String message = (missing.size() == 1 ? "missing field: " : "missing fields: ")
                    + String.join(", ", missing)
                    + ". A scan request needs md5, sha1, file_name and mmdt.";
            return Optional.of(ScanReply.error(request, ScanStatus.MISSING_FIELD, message));
        }

        if (!isHex(request.md5(), MD5_HEX_DIGITS)) {
            return Optional.of(ScanReply.error(request, ScanStatus.INVALID_MD5,
                    "invalid md5 \"" + quote(request.md5()) + "\": expected 32 hex digits"));
        }
        if (!isHex(request.sha1(), SHA1_HEX_DIGITS)) {
            return Optional.of(ScanReply.error(request, ScanStatus.INVALID_SHA1,
                    "invalid sha1 \"" + quote(request.sha1()) + "\": expected 40 hex digits"));
        }
        if (!MmdtHash.isValid(request.mmdt())) {
            return Optional.of(ScanReply.error(request, ScanStatus.INVALID_MMDT, mmdtProblem(request.mmdt())));
        }
        return Optional.empty();
    }

    private static String mmdtProblem(String mmdt) {
        try {
            MmdtHash.parse(mmdt);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new IllegalStateException("MmdtHash.isValid rejected \"" + mmdt + "\" but parse accepted it");
    }

    /** Returns whether {@code text} is exactly {@code digits} ASCII hex digits, in either case. */
    static boolean isHex(String text, int digits) {
        if (text.length() != digits) {
            return false;
        }
        for (int i = 0; i < digits; i++) {
            char c = text.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex) {
                return false;
            }
        }
        return true;
    }

    private static String quote(String value) {
        return value.length() <= MAX_QUOTED_LENGTH ? value : value.substring(0, MAX_QUOTED_LENGTH - 3) + "...";
    }
}
