package ichibyo.core.media;

import ichibyo.core.media.exceptions.PlainHttpMediaLocationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Where ffmpeg reads a media file from: a local path, or an HTTPS URL (an S3 presigned GET, so
 * input seeking reads only the bytes a trim needs). Gives the input URL and the protocol
 * whitelist that go with it, so ffmpeg never follows a reference to any other protocol
 * (a playlist naming {@code http:}, {@code concat:} or {@code subfile:} is refused).
 *
 * <p>Plain {@code http://} is accepted for a loopback host only ({@code 127.0.0.1}, {@code [::1]},
 * {@code localhost}): the local runtime's S3 serves presigned URLs over HTTP on this machine, and
 * those bytes never leave it. Plain HTTP to any other host is refused with
 * {@link PlainHttpMediaLocationException}.
 */
public record MediaLocation(String value) {
    /** Local files only. */
    public static final String LOCAL_PROTOCOLS = "file";
    /** HTTPS for presigned URLs, plus what HTTPS is built on. */
    public static final String REMOTE_PROTOCOLS = "file,https,tls,tcp,crypto";
    /** Plain HTTP, for loopback URLs only (the local runtime's S3). */
    public static final String LOOPBACK_PROTOCOLS = "file,http,tcp";
    /** The hosts a plain {@code http://} URL may name, as {@link URI#getHost()} gives them. */
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "[::1]", "localhost");

    public MediaLocation {
        Objects.requireNonNull(value, "media location");
        if (value.isBlank()) {
            throw new IllegalArgumentException("blank media location");
        }
        if (isHttp(value) && !isLoopbackUrl(value)) {
            throw new PlainHttpMediaLocationException(redacted(value));
        }
    }

    public static MediaLocation of(String value) {
        return new MediaLocation(value);
    }

    public static MediaLocation of(Path path) {
        return new MediaLocation(path.toAbsolutePath().normalize().toString());
    }

    /** An HTTPS URL, or a plain HTTP URL on this machine: read through ffmpeg's network protocols. */
    public boolean isRemote() {
        return isHttps(value) || isHttp(value);
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
        if (isHttp(value)) {
            return LOOPBACK_PROTOCOLS;
        }
        return isRemote() ? REMOTE_PROTOCOLS : LOCAL_PROTOCOLS;
    }

    @Override
    public String toString() {
        return isRemote() ? redacted(value) : value;
    }

    private static boolean isHttps(String value) {
        return value.regionMatches(true, 0, "https://", 0, 8);
    }

    private static boolean isHttp(String value) {
        return value.regionMatches(true, 0, "http://", 0, 7);
    }

    /**
     * Whether a plain HTTP URL names a loopback host, and nothing that ffmpeg could read as another
     * host: no user info ({@code http://127.0.0.1@example.com/} names example.com), no backslash.
     */
    private static boolean isLoopbackUrl(String value) {
        int end = 7;
        while (end < value.length() && "/?#".indexOf(value.charAt(end)) < 0) {
            end++;
        }
        String authority = value.substring(7, end);
        if (authority.indexOf('\\') >= 0 || authority.indexOf('@') >= 0) {
            return false;
        }
        try {
            URI uri = new URI(value);
            String host = uri.getHost();
            return uri.getRawUserInfo() == null && host != null && LOOPBACK_HOSTS.contains(host.toLowerCase(Locale.ROOT));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** A presigned URL's query string is a credential: never print it. */
    private static String redacted(String value) {
        int query = value.indexOf('?');
        return query >= 0 ? value.substring(0, query) + "?…" : value;
    }
}
