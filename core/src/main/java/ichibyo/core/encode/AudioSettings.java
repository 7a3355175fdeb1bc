package ichibyo.core.encode;

import ichibyo.core.encode.exceptions.InvalidProfileException;
import java.util.Set;

/** A profile's audio, encoded once for the whole master: codec ({@code aac} or {@code opus}), bitrate, channels, sample rate. */
public record AudioSettings(String codec, int bitrateKbps, int channels, int sampleRate) {
    private static final Set<String> CODECS = Set.of("aac", "libopus");

    public AudioSettings {
        if (!CODECS.contains(codec)) {
            throw new InvalidProfileException("audio codec must be one of " + CODECS + ", not " + codec);
        }
        if (bitrateKbps < 16 || bitrateKbps > 1024 || channels < 1 || channels > 8
                || !Set.of(44_100, 48_000).contains(sampleRate)) {
            throw new InvalidProfileException("audio needs 16–1024 kb/s, 1–8 channels and 44100 or 48000 Hz");
        }
    }

    /** Samples per coded audio frame: the tolerance of audio against video duration. */
    public int frameSamples() {
        return "aac".equals(codec) ? 1024 : 960;
    }
}
