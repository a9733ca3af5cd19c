package io.mmdt.cli.server;

import io.mmdt.core.MmdtHash;
import java.util.Random;

/** Deterministic test samples: sample {@code n} has its own digests and mmdt hash. */
final class Samples {

    private Samples() {
    }

    static MmdtHash hash(int n) {
        byte[] main = new byte[MmdtHash.MAIN_BYTES];
        new Random(n).nextBytes(main);
        return MmdtHash.of(n, main);
    }

    static String md5(int n) {
        return String.format("%032x", n);
    }

    static String sha1(int n) {
        return String.format("%040x", n);
    }

    static String json(int n) {
        return "{\"md5\":\"" + md5(n) + "\",\"sha1\":\"" + sha1(n) + "\",\"file_name\":\"sample-" + n
                + ".exe\",\"mmdt\":\"" + hash(n) + "\",\"data\":{}}";
    }
}
