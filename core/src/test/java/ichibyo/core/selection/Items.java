package ichibyo.core.selection;

import ichibyo.core.catalog.MediaItem;
import ichibyo.core.catalog.MediaStatus;
import ichibyo.core.scoring.FaceBox;
import ichibyo.core.scoring.TakenAt;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Catalog items as score-media writes them, made up for selection tests. */
final class Items {
    private Items() {}

    static MediaItem video(String id, Instant takenAt, double score) {
        return item("fam", id, "VIDEO", takenAt, score, 0, hashOf(id));
    }

    static MediaItem photo(String id, Instant takenAt, double score) {
        return item("fam", id, "PHOTO", takenAt, score, 0, hashOf(id));
    }

    static MediaItem item(String familyId, String id, String kind, Instant takenAt, double score, int faces, String hash) {
        boolean video = kind.equals("VIDEO");
        List<FaceBox> boxes = faces == 0 ? List.of() : List.of(new FaceBox(0.4, 0.3, 0.2, 0.25, 0.9));
        return new MediaItem(familyId, id, null, MediaStatus.SCORED, null, null, kind, video ? "MP4" : "JPEG", 1920, 1080,
                video ? 1 : 6, 0, video ? 12_000L : null, video ? 30.0 : null, video ? "h264" : "jpeg", null, video ? true : null,
                takenAt, "+09:00", TakenAt.Source.EXIF, takenAt, faces, faces == 0 ? 0.0 : 0.05, faces == 0 ? 0.0 : 0.8, boxes,
                0.5, 0.5, 0.5, video ? 0.5 : null, video ? 0.5 : null, video ? 4.0 : null, score, "t", video ? "p" : null,
                takenAt, hash);
    }

    static MediaItem withFaces(MediaItem i, int faces) {
        return item(i.familyId(), i.mediaId(), i.kind(), i.takenAt(), i.score(), faces, i.perceptualHash());
    }

    static MediaItem withHash(MediaItem i, String hash) {
        return item(i.familyId(), i.mediaId(), i.kind(), i.takenAt(), i.score(), i.faceCount(), hash);
    }

    static MediaItem rejected(String id, Instant at) {
        MediaItem i = video(id, at, 0.9);
        return new MediaItem(i.familyId(), id, null, MediaStatus.REJECTED, null, null, null, null, null, null, null, null,
                null, null, null, null, null, at, null, TakenAt.Source.UPLOAD, at, null, null, null, List.of(),
                null, null, null, null, null, null, null, null, null, at, null);
    }

    /** A hash of its own for every id: unrelated pictures differ in about half the bits. */
    static String hashOf(String id) {
        return HexFormat.of().toHexDigits(new Random(id.hashCode()).nextLong());
    }

    /** {@code hash} with its lowest {@code bits} bits flipped: a resized or re-sent copy. */
    static String near(String hash, int bits) {
        long h = HexFormat.fromHexDigitsToLong(hash);
        return HexFormat.of().toHexDigits(h ^ ((1L << bits) - 1));
    }
}
