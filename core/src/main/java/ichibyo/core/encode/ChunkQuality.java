package ichibyo.core.encode;

/**
 * Every frame of one encoded chunk measured against the master's frames it holds, where the chunk was encoded (the
 * encode-chunk step), so verify need not decode the whole output and master again: {@code ssim[i]} and {@code psnr[i]}
 * (dB, infinite counted as 100) are frame {@code startFrame + i}'s.
 */
public record ChunkQuality(int chunk, int startFrame, double[] ssim, double[] psnr) {

    public ChunkQuality {
        if (ssim == null || psnr == null || ssim.length != psnr.length) {
            throw new IllegalArgumentException("a chunk's quality has an SSIM and a PSNR for each of its frames");
        }
    }

    public int frames() {
        return ssim.length;
    }

    /** Whether this was measured on exactly {@code c}'s frames. */
    public boolean covers(Chunk c) {
        return chunk == c.index() && startFrame == c.startFrame() && frames() == c.frames();
    }
}
