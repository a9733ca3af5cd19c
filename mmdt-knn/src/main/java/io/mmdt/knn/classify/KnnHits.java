package io.mmdt.knn.classify;

/**
 * The raw result of a nearest-neighbour search, in store positions and squared distances.
 *
 * @param nearestPosition the store position of the nearest entry, or -1 for an empty store
 * @param nearestDistance the squared distance of the nearest entry, or -1 for an empty store
 * @param positions the store positions of the neighbours, nearest first, ties in store order
 * @param distances the squared distance of each neighbour, in the same order
 */
record KnnHits(int nearestPosition, int nearestDistance, int[] positions, int[] distances) {

    /** The result for an empty store. */
    static final KnnHits EMPTY = new KnnHits(-1, -1, new int[0], new int[0]);
}
