package ichibyo.core.encode;

/**
 * One piece of a master: the frames {@code [startFrame, endFrame)}. A plan's chunks are contiguous and
 * together hold every frame exactly once.
 */
public record Chunk(int index, int startFrame, int endFrame) {
    public Chunk {
        if (index < 0 || startFrame < 0 || endFrame <= startFrame) {
            throw new IllegalArgumentException("a chunk is a non-empty frame range, not " + startFrame + "–" + endFrame);
        }
    }

    public int frames() {
        return endFrame - startFrame;
    }

    /** The chunk's file name, the same in every store: {@code chunk-00042.mp4}. */
    public String fileName() {
        return String.format("chunk-%05d.mp4", index);
    }
}
