package ichibyo.core.media;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where ffmpeg reads a media file from: a local path, or an HTTPS URL (an S3 presigned GET, so
 * input seeking reads only the bytes a trim needs). Gives the input URL and the protocol
 * whitelist that go with it, so ffmpeg never follows a reference to any other protocol
 * (a playlist naming {@code http:}, {@code concat:} or {@code subfile:} is refused).
 */
public record MediaLocation(String value) {
    /** Local files only. */
    public static final String LOCAL_PROTOCOLS = "file";
    /** HTTPS for presigned URLs, plus what HTTPS is built on. */
    public static final String REMOTE_PROTOCOLS = "file,https,tls,tcp,crypto";

    public MediaLocation {
        Objects.requireNonNull(value, "media location");
        if (value.isBlank()) {
            throw new IllegalArgumentException("blank media location");
        }
    }

    public static MediaLocation of(String value) {
        return new MediaLocation(value);
    }

    public static MediaLocation of(Path path) {
        return new MediaLocation(path.toAbsolutePath().normalize().toString());
    }

    public boolean isRemote() {
        return value.regionMatches(true, 0, "https://", 0, 8);
    }

    /** The local file; only for a location that is not remote. */
    public Path path() {
        if (isRemote()) {
            throw new IllegalStateException("not a local file: " + this);
        }
        return Path.of(value.startsWith("file:") ? URI.create(value).getPath() : value).toAbsolutePath().normalize();
    }

    /**
     * The URL to give ffmpeg after {@code -i}: a local path always gets the {@code file:} prefix, so a
     * file name with a colon is never taken for a protocol.
     */
    public String ffmpegUrl() {
        return isRemote() ? value : "file:" + path();
    }

    public String protocolWhitelist() {
        return isRemote() ? REMOTE_PROTOCOLS : LOCAL_PROTOCOLS;
    }

    @Override
    public String toString() {
        // A presigned URL's query string is a credential: never print it.
        int query = value.indexOf('?');
        return isRemote() && query >= 0 ? value.substring(0, query) + "?…" : value;
    }
}
