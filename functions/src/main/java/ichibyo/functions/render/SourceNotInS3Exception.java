package ichibyo.functions.render;

import ichibyo.core.render.exceptions.InvalidRenderPlanException;

/**
 * A plan source that is not an {@code s3://bucket/key} URI. A plan read from S3 may name objects only: a
 * local path or a URL would let a plan read the renderer's own files or another host.
 */
public final class SourceNotInS3Exception extends InvalidRenderPlanException {
    public SourceNotInS3Exception(String what, String source) {
        super(what + " must be an s3://bucket/key URI, not " + redacted(source));
    }

    private static String redacted(String source) {
        int query = source.indexOf('?');
        return query >= 0 ? source.substring(0, query) + "?…" : source;
    }
}
