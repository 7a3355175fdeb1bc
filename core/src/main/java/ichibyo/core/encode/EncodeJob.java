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
    private static final java.util.regex.Pattern CONTENT_ID = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,47}");

    public EncodeJob {
        if (contentId == null || !CONTENT_ID.matcher(contentId).matches()) {
            throw new InvalidEncodeRequestException("a content id is 1–48 letters, digits, '-' and '_', not " + contentId);
        }
        if (profileSet == null || !profileSet.matches("[a-z0-9][a-z0-9-]{0,23}") || profileSetVersion < 1 || profileSetVersion > 9999) {
            throw new InvalidEncodeRequestException("a profile set name is 1–24 lower-case letters, digits and '-', with a version");
        }
    }

    public static String mastersPrefix(String contentId) {
        return "masters/" + contentId + "/";
    }

    /**
     * The content id of a master's key {@code masters/{contentId}/{name}}; empty for a key that is no master (a folder
     * marker, a key outside masters/, a content id outside the allowed form).
     */
    public static java.util.Optional<String> contentIdOf(String masterKey) {
        if (masterKey == null || !masterKey.startsWith("masters/") || masterKey.endsWith("/")) {
            return java.util.Optional.empty();
        }
        String rest = masterKey.substring("masters/".length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || rest.substring(slash + 1).isEmpty()) {
            return java.util.Optional.empty();
        }
        String contentId = rest.substring(0, slash);
        return CONTENT_ID.matcher(contentId).matches() ? java.util.Optional.of(contentId) : java.util.Optional.empty();
    }

    /**
     * A content id for a file name: its name without the extension, every run of characters outside letters, digits,
     * '-' and '_' made one '-', at most 48 characters; {@code master} when nothing is left.
     */
    public static String contentIdFor(String fileName) {
        String name = fileName == null ? "" : fileName;
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        String id = name.replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("^[-_]+", "");
        if (id.length() > 48) {
            id = id.substring(0, 48);
        }
        id = id.replaceAll("-+$", "");
        return id.isEmpty() ? "master" : id;
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

    /** The work items (chunk × profile) as JSON Lines, which the workflow's Distributed Map reads. */
    public String workItemsKey() {
        return prefix() + "work-items.jsonl";
    }

    public String chunkKey(Profile profile, Chunk chunk) {
        return prefix() + "chunks/" + profile.versionedId() + "/" + chunk.fileName();
    }

    /** Beside the chunk: its every frame's quality against the master ({@link ChunkQuality}), measured where it was encoded. */
    public String chunkQualityKey(Profile profile, Chunk chunk) {
        return chunkKey(profile, chunk).replaceFirst("\\.mp4$", ".quality.json");
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
