package ichibyo.core.encode;

import ichibyo.core.encode.exceptions.InvalidProfileException;

/**
 * A device profile, as data: what one output of a master is. Versioned: a job pins the version it started
 * with, and a chunk's key names it, so a changed profile never mixes with chunks of the old one.
 *
 * @param maxWidth   the widest the picture may be; 0 keeps the source's width (the height follows the
 *                   aspect ratio, never upscaled)
 * @param maxHeight  the highest it may be; 0 for no limit
 * @param frameRate  frames per second; 0 keeps the source's (only that is supported yet)
 * @param gopSeconds distance between keyframes (Apple's HLS authoring guide: 2 s)
 * @param preset     the encoder's speed preset ({@code veryfast} … {@code slow}); null for its default
 * @param audio      null for no audio
 */
public record Profile(String id, int version, Codec codec, int maxWidth, int maxHeight, double frameRate,
                      RateControl rateControl, double gopSeconds, String preset, AudioSettings audio, Container container) {

    public Profile {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new InvalidProfileException("a profile id is 1–63 lower-case letters, digits and dashes, not " + id);
        }
        if (version < 1) {
            throw new InvalidProfileException("profile " + id + ": version must be 1 or more");
        }
        if (codec == null || rateControl == null) {
            throw new InvalidProfileException("profile " + id + " needs a codec and a rate control");
        }
        if (maxWidth < 0 || maxHeight < 0 || maxWidth > 8192 || maxHeight > 8192 || maxWidth % 2 != 0 || maxHeight % 2 != 0) {
            throw new InvalidProfileException("profile " + id + ": maxWidth and maxHeight are even, 0–8192");
        }
        if (frameRate < 0 || frameRate > 120) {
            throw new InvalidProfileException("profile " + id + ": frame rate 0 (source) to 120");
        }
        if (!(gopSeconds >= 0.2 && gopSeconds <= 20)) {
            throw new InvalidProfileException("profile " + id + ": gopSeconds 0.2–20");
        }
        if (preset != null && !preset.matches("[a-z]{1,12}")) {
            throw new InvalidProfileException("profile " + id + ": preset is a word such as veryfast, not " + preset);
        }
        if (rateControl.isTargetQuality() && rateControl.crfMax() > codec.maxCrf()) {
            throw new InvalidProfileException("profile " + id + ": " + codec + " takes CRF 0–" + codec.maxCrf() + ", the search range ends at "
                    + rateControl.crfMax());
        }
        if (container == null) {
            container = Container.MP4;
        }
    }

    /** The same profile (same id and version) encoded with another rate control: a target-quality chunk's chosen CRF. */
    public Profile withRateControl(RateControl chosen) {
        return new Profile(id, version, codec, maxWidth, maxHeight, frameRate, chosen, gopSeconds, preset, audio, container);
    }

    /** Id and version, as keys and records name the profile: {@code hls-1080p-v3}. */
    public String versionedId() {
        return id + "-v" + version;
    }

    /** Frames between keyframes at the master's rate. */
    public int gopFrames(MasterInfo master) {
        return Math.max(1, (int) Math.round(gopSeconds * master.fps()));
    }
}
