package io.mmdt.core;

/**
 * Regenerates the inputs of the golden vectors: a pattern name, a seed and a length define
 * the bytes. The random patterns draw from SplitMix64, eight bytes per step, least
 * significant byte first.
 */
final class GoldenInputs {

    private GoldenInputs() {
    }

    static byte[] generate(String pattern, long seed, int length) {
        byte[] random = switch (pattern) {
            case "zeros", "ones", "ramp", "gradient" -> null;
            case "blocks" -> splitMix64Bytes(seed, length / 4096 + 1);
            default -> splitMix64Bytes(seed, length);
        };
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) switch (pattern) {
                case "zeros" -> 0;
                case "ones" -> 255;
                case "ramp" -> i & 0xFF;
                case "random" -> random[i];
                case "nibbles" -> random[i] & 0x0F;
                case "blocks" -> random[i / 4096];
                case "gradient" -> (int) ((long) i * 256 / length);
                case "text" -> 97 + (random[i] & 0xFF) % 26;
                case "sparse" -> i % 97 == 0 ? random[i] : 0;
                default -> throw new IllegalArgumentException("unknown pattern \"" + pattern + "\"");
            };
        }
        return data;
    }

    static byte[] splitMix64Bytes(long seed, int length) {
        byte[] out = new byte[length];
        long state = seed;
        for (int i = 0; i < length; i += 8) {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z = z ^ (z >>> 31);
            for (int b = 0; b < 8 && i + b < length; b++) {
                out[i + b] = (byte) (z >>> (8 * b));
            }
        }
        return out;
    }
}
