package ichibyo.core.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import ichibyo.core.scoring.FaceBox;
import ichibyo.core.scoring.RejectReason;
import ichibyo.core.scoring.ScoredMedia;
import ichibyo.core.scoring.TakenAt;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

/**
 * One photo or video of a family in the media catalog: what score-media writes and selection
 * reads. Scores are 0–1 (docs/scoring.md); fields that do not apply are null. See
 * docs/catalog.md for the keys and access patterns ({@link CatalogKeys}).
 */
public record MediaItem(
        String familyId,
        String mediaId,
        SourceObject source,
        MediaStatus status,
        RejectReason rejectReason,
        String rejectDetail,
        String kind,
        String container,
        Integer width,
        Integer height,
        Integer orientation,
        Integer rotation,
        Long durationMillis,
        Double frameRate,
        String codec,
        String hdr,
        Boolean hasAudio,
        Instant takenAt,
        String takenAtOffset,
        TakenAt.Source takenAtSource,
        Instant uploadedAt,
        Integer faceCount,
        Double largestFaceShare,
        Double faceCentrality,
        List<FaceBox> faceBoxes,
        Double sharpness,
        Double exposure,
        Double contrast,
        Double motion,
        Double loudness,
        Double bestMomentStart,
        Double score,
        String thumbnailKey,
        String posterKey,
        Instant scoredAt,
        String perceptualHash) {

    /** An item without a perceptual hash (scored before it was computed). */
    public MediaItem(String familyId, String mediaId, SourceObject source, MediaStatus status, RejectReason rejectReason,
            String rejectDetail, String kind, String container, Integer width, Integer height, Integer orientation,
            Integer rotation, Long durationMillis, Double frameRate, String codec, String hdr, Boolean hasAudio,
            Instant takenAt, String takenAtOffset, TakenAt.Source takenAtSource, Instant uploadedAt, Integer faceCount,
            Double largestFaceShare, Double faceCentrality, List<FaceBox> faceBoxes, Double sharpness, Double exposure,
            Double contrast, Double motion, Double loudness, Double bestMomentStart, Double score, String thumbnailKey,
            String posterKey, Instant scoredAt) {
        this(familyId, mediaId, source, status, rejectReason, rejectDetail, kind, container, width, height, orientation,
                rotation, durationMillis, frameRate, codec, hdr, hasAudio, takenAt, takenAtOffset, takenAtSource, uploadedAt,
                faceCount, largestFaceShare, faceCentrality, faceBoxes, sharpness, exposure, contrast, motion, loudness,
                bestMomentStart, score, thumbnailKey, posterKey, scoredAt, null);
    }

    @JsonIgnore
    public boolean isUsable() {
        return status == MediaStatus.SCORED;
    }

    public static MediaItem scored(OriginalKey key, SourceObject source, ScoredMedia media, Instant uploadedAt, Instant scoredAt) {
        var s = media.scores();
        var faces = s.faces();
        return new MediaItem(key.familyId(), key.mediaId(), source, MediaStatus.SCORED, null, null,
                media.isVideo() ? "VIDEO" : "PHOTO", media.container().name(), media.width(), media.height(),
                media.orientation(), media.rotation(), media.duration() == null ? null : media.duration().toMillis(),
                media.frameRate(), media.codec(), media.hdr(), media.isVideo() ? media.hasAudio() : null,
                media.takenAt().time(), media.takenAt().offset(), media.takenAt().source(), uploadedAt,
                faces.count(), faces.largestShare(), faces.centrality(), faces.boxes(),
                s.sharpness(), s.exposure(), s.contrast(), s.motion(), s.loudness(), s.bestMomentStart(), s.overall(),
                key.thumbnailKey(), media.isVideo() ? key.posterKey() : null, scoredAt, media.perceptualHash());
    }

    public static MediaItem rejected(OriginalKey key, SourceObject source, RejectReason reason, String detail,
                                     Instant uploadedAt, Instant scoredAt) {
        String shortDetail = detail == null ? null : detail.length() > 500 ? detail.substring(0, 500) + "…" : detail;
        return new MediaItem(key.familyId(), key.mediaId(), source, MediaStatus.REJECTED, reason, shortDetail,
                null, null, null, null, null, null, null, null, null, null, null,
                uploadedAt, null, TakenAt.Source.UPLOAD, uploadedAt,
                null, null, null, List.of(), null, null, null, null, null, null, null, null, null, scoredAt);
    }

    /** The month the item counts in: in the camera's own offset when known, else UTC. */
    public YearMonth month() {
        ZoneOffset offset = takenAtOffset == null ? ZoneOffset.UTC : ZoneOffset.of(takenAtOffset);
        return YearMonth.from(takenAt.atOffset(offset));
    }
}
