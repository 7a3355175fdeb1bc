package ichibyo.core.media.exceptions;

/**
 * A media location that is a plain {@code http://} URL to another machine: refused, because the
 * bytes (and a presigned URL's signature) would cross the network unencrypted. Use HTTPS; plain
 * HTTP is read from loopback hosts only ({@code 127.0.0.1}, {@code [::1]}, {@code localhost}).
 * Retrying cannot fix it: the plan that names it is wrong.
 */
public final class PlainHttpMediaLocationException extends IllegalArgumentException {
    private final String location;

    /** @param location the URL without its query string */
    public PlainHttpMediaLocationException(String location) {
        super("plain http:// is read from this machine only (127.0.0.1, [::1], localhost), not from " + location
                + "; use an https:// URL");
        this.location = location;
    }

    /** The refused URL, without its query string. */
    public String location() {
        return location;
    }
}
