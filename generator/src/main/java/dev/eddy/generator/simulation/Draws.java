package dev.eddy.generator.simulation;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Random draws on a {@link SplittableRandom}, whose algorithm is specified and so gives the same numbers on every JDK.
 * Logarithms use {@link StrictMath}: {@link Math#log} may differ in the last bit between the interpreter and JIT
 * intrinsics, which would break byte-for-byte determinism.
 */
final class Draws {

    private final SplittableRandom random;

    Draws(SplittableRandom random) {
        this.random = random;
    }

    double uniform() {
        return random.nextDouble();
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    int index(int size) {
        return random.nextInt(size);
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    long pick(long[] values) {
        return values[random.nextInt(values.length)];
    }

    /** Index into cumulative weights ending with 1.0. */
    int weighted(double[] cumulative) {
        double u = random.nextDouble();
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    /** Uniform whole number in [min, max]. */
    long between(long min, long max) {
        return min + random.nextLong(max - min + 1);
    }

    /** Exponentially distributed value with the given mean (a Poisson process's waiting time). */
    double exponential(double mean) {
        return -mean * StrictMath.log(1.0 - random.nextDouble());
    }

    Draws split() {
        return new Draws(random.split());
    }
}
