package ichibyo.core.render;

/**
 * Background music mixed under the clips' own sound.
 *
 * @param source a local path or an HTTPS (presigned) URL
 * @param start  where in the music the movie starts, seconds
 * @param volume gain of the music, 0–1 (the clips' sound stays at 1)
 */
public record Music(String source, double start, double volume) {
    public static Music of(String source) {
        return new Music(source, 0, 0.5);
    }
}
