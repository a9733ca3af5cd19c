package io.mmdt.bench;

import io.mmdt.core.MmdtHash;
import io.mmdt.core.MmdtSimilarity;
import io.mmdt.knn.classify.Classification;
import io.mmdt.knn.classify.Classifier;
import io.mmdt.knn.classify.LabelShare;
import io.mmdt.knn.classify.Neighbour;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * An exact KNN classifier by linear scan over primitive columns, the load generator's
 * stand-in for a store-backed classifier: threshold 0.95, at most 10 neighbours.
 */
final class LinearScanClassifier implements Classifier {

    private static final double THRESHOLD = 0.95;
    private static final int K = 10;

    private final long[] mainHigh;
    private final long[] mainLow;
    private final String[] labels;
    private final String[] sampleIds;

    LinearScanClassifier(long[] mainHigh, long[] mainLow, String[] labels, String[] sampleIds) {
        this.mainHigh = mainHigh;
        this.mainLow = mainLow;
        this.labels = labels;
        this.sampleIds = sampleIds;
    }

    /** Creates a store of {@code size} random entries with 1,000 labels. */
    static LinearScanClassifier random(int size, Random random) {
        long[] high = new long[size];
        long[] low = new long[size];
        String[] labels = new String[size];
        String[] ids = new String[size];
        for (int i = 0; i < size; i++) {
            high[i] = random.nextLong();
            low[i] = random.nextLong();
            labels[i] = "family-" + random.nextInt(1000);
            ids[i] = Integer.toHexString(i);
        }
        return new LinearScanClassifier(high, low, labels, ids);
    }

    @Override
    public Classification classify(MmdtHash query) {
        byte[] main = query.mainBytes();
        long queryHigh = readLong(main, 0);
        long queryLow = readLong(main, 8);

        // Keep the K nearest in a small sorted array; larger distances are pruned early.
        int[] bestPosition = new int[K + 1];
        int[] bestDistance = new int[K + 1];
        int found = 0;
        for (int i = 0; i < mainHigh.length; i++) {
            int d = squaredDistance(queryHigh, mainHigh[i]) + squaredDistance(queryLow, mainLow[i]);
            if (found == K && d >= bestDistance[K - 1]) {
                continue;
            }
            int slot = found < K ? found++ : K - 1;
            while (slot > 0 && bestDistance[slot - 1] > d) {
                bestDistance[slot] = bestDistance[slot - 1];
                bestPosition[slot] = bestPosition[slot - 1];
                slot--;
            }
            bestDistance[slot] = d;
            bestPosition[slot] = i;
        }
        if (found == 0) {
            return new Classification(Classification.UNKNOWN, Optional.empty(), List.of(), List.of());
        }

        List<Neighbour> similars = new ArrayList<>();
        Neighbour nearest = null;
        for (int j = 0; j < found; j++) {
            int position = bestPosition[j];
            Neighbour neighbour = new Neighbour(sampleIds[position], labels[position],
                    MmdtHash.of(0, toBytes(mainHigh[position], mainLow[position])),
                    MmdtSimilarity.fromSquaredDistance(bestDistance[j]));
            if (j == 0) {
                nearest = neighbour;
            }
            if (neighbour.similarity() > THRESHOLD) {
                similars.add(neighbour);
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        similars.forEach(n -> counts.merge(n.label(), 1, Integer::sum));
        List<LabelShare> shares = new ArrayList<>();
        counts.forEach((label, count) -> shares.add(new LabelShare(label, count, (double) count / similars.size())));
        return new Classification(nearest.label(), Optional.of(nearest), shares, similars);
    }

    private static int squaredDistance(long a, long b) {
        int sum = 0;
        for (int shift = 0; shift < 64; shift += 8) {
            int d = (int) ((a >>> shift) & 0xFF) - (int) ((b >>> shift) & 0xFF);
            sum += d * d;
        }
        return sum;
    }

    private static long readLong(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    private static byte[] toBytes(long high, long low) {
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (high >>> (56 - 8 * i));
            out[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return out;
    }
}
