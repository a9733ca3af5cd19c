package io.mmdt.core;

/**
 * The Lanczos filter with support 3, as Pillow (the Python imaging library) defines it for
 * its {@code LANCZOS} resampling: {@code sinc(x) · sinc(x / 3)} on [-3, 3), zero elsewhere.
 *
 * <p>The operations run in the same order as Pillow's C code ({@code π·x} first, then
 * {@code sin}, then the division), because the 22-bit fixed-point weights derived from these
 * values must round exactly as the reference's do. {@link StrictMath#sin} is used so that the
 * result does not depend on the JIT or the CPU.
 */
final class LanczosKernel {

    /** Half-width of the filter in input pixels at scale 1. */
    static final double SUPPORT = 3.0;

    private LanczosKernel() {
    }

    static double lanczos(double x) {
        if (-3.0 <= x && x < 3.0) {
            return sinc(x) * sinc(x / 3.0);
        }
        return 0.0;
    }

    private static double sinc(double x) {
        if (x == 0.0) {
            return 1.0;
        }
        double angle = x * Math.PI;
        return StrictMath.sin(angle) / angle;
    }
}
