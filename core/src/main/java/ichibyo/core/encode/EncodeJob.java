package ichibyo.core.encode;

import ichibyo.core.encode.exceptions.InvalidEncodeRequestException;

/**
 * One job: a content's master encoded with one version of a profile set. Its id is derived from both, so
 * starting the same content and set version twice names the same job (and the same execution), and every
 * key it writes is deterministic: a chunk already encoded is found where a retry would put it.
 *
 * <pre>
 * masters/{contentId}/…                                   the master (uploaded)
 * encodes/{jobId}/plan.json                               the plan: master, pinned profiles, chunks
 * encodes/{jobId}/chunks/{profileId}-v{n}/chunk-00000.mp4 encoded chunks (video only)
 * encodes/{jobId}/outputs/{profileId}.mp4                  joined outputs, before verification
 * deliveries/{contentId}/{profileSet}/{profileId}.mp4      verified outputs, placed
 * deliveries/{contentId}/{profileSet}/encode.json          what was placed, with its measured quality
 * deliveries/{contentId}/{profileSet}/hls/master.m3u8      the ladder's HLS master playlist, each rung under hls/{profileId}/
 * </pre>
 */
public record EncodeJob(String contentId, String profileSet, int profileSetVersion) {
    public static final String WORKFLOW = "encode";

    public EncodeJob {
        if (contentId == null || !contentId.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,47}")) {
            throw new InvalidEncodeRequestException("a content id is 1–48 letters, digits, '-' and '_', not " + contentId);
        }
        if (profileSet == null || !profileSet.matches("[a-z0-9][a-z0-9-]{0,23}") || profileSetVersion < 1 || profileSetVersion > 9999) {
            throw new InvalidEncodeRequestException("a profile set name is 1–24 lower-case letters, digits and '-', with a version");
        }
    }

    public static String mastersPrefix(String contentId) {
        return "masters/" + contentId + "/";
    }

    /** {@code {contentId}-{profileSet}-v{n}}: at most 48 + 1 + 24 + 6 characters, within an execution name's 80. */
    public String jobId() {
        return contentId + "-" + profileSet + "-v" + profileSetVersion;
    }

    public String prefix() {
        return "encodes/" + jobId() + "/";
    }

    public String planKey() {
        return prefix() + "plan.json";
    }

    public String chunkKey(Profile profile, Chunk chunk) {
        return prefix() + "chunks/" + profile.versionedId() + "/" + chunk.fileName();
    }

    public String outputKey(Profile profile) {
        return prefix() + "outputs/" + profile.id() + ".mp4";
    }

    public String verificationKey(Profile profile) {
        return prefix() + "verifications/" + profile.id() + ".json";
    }

    public String deliveryPrefix() {
        return "deliveries/" + contentId + "/" + profileSet + "/";
    }

    public String deliveryKey(Profile profile) {
        return deliveryPrefix() + profile.id() + ".mp4";
    }

    /** A file of a profile's HLS package, placed: {@code deliveries/{contentId}/{profileSet}/hls/{profileId}/{file}}. */
    public String hlsKey(Profile profile, String file) {
        return deliveryPrefix() + "hls/" + profile.id() + "/" + file;
    }

    public String hlsMasterPlaylistKey() {
        return deliveryPrefix() + "hls/master.m3u8";
    }

    public String manifestKey() {
        return deliveryPrefix() + "encode.json";
    }
}
