package ichibyo.core.encode;

import java.util.List;

/**
 * The {@code EncodeCompleted} event (source {@value #SOURCE}) and the manifest placed beside the outputs:
 * every output of the job, where it is (and its HLS playlist, if packaged so), and what verify measured of it; the
 * ladder's HLS master playlist (null when no profile is HLS).
 */
public record EncodeCompleted(String jobId, String contentId, String profileSet, int profileSetVersion, String masterKey,
                              int chunks, List<PlacedOutput> outputs, String hlsMasterPlaylistKey) {
    public static final String SOURCE = "ichibyo.encode";
    public static final String DETAIL_TYPE = "EncodeCompleted";

    public EncodeCompleted {
        outputs = List.copyOf(outputs);
    }

    /** One placed output: its key, size and measured quality ({@code seamSsimMin}: the lowest SSIM around any seam; 1 without seams). */
    public record PlacedOutput(String profileId, int profileVersion, String key, int width, int height, int frames, double durationSeconds,
                               long bytes, double bitrateKbps, double ssimMean, double psnrMean, double seamSsimMin, String hlsPlaylistKey) {}
}
