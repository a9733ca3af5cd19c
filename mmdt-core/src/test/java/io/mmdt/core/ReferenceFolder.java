package io.mmdt.core;

/**
 * The plain twin of {@link HashFolder}: the fold exactly as the reference writes it, one
 * pixel at a time with the running counter that picks each sign.
 */
final class ReferenceFolder {

    private ReferenceFolder() {
    }

    static int foldIndex(int[] pixels16) {
        byte[] bytes = fold(pixels16, 4, 64, 6, HashFolder.B64, HashFolder.W64);
        return ((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
    }

    static byte[] foldMain(int[] pixels64) {
        return fold(pixels64, 16, 256, 5, HashFolder.B256, HashFolder.W256);
    }

    private static byte[] fold(int[] pixels, int vectors, int length, int shift, byte[] b, byte[] w) {
        byte[] out = new byte[vectors];
        int counter = 0;
        for (int i = 0; i < vectors; i++) {
            long sum = 0;
            for (int j = 0; j < length; j++) {
                int p = pixels[i * length + j];
                if (b[j] != 0) {
                    if (counter % 2 == 0) {
                        sum += Math.abs(p * w[j] - b[j]);
                    } else {
                        sum += Math.abs(p * w[j] + b[j]);
                    }
                    counter++;
                } else {
                    sum += Math.abs(p * w[j] + b[j]);
                }
            }
            out[i] = (byte) ((sum & 0xFFFFFFFFL) >>> shift);
        }
        return out;
    }
}
