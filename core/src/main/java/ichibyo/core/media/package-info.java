/**
 * Media basics shared by scoring and rendering: where ffmpeg is, how it runs, what a file is.
 *
 * <ul>
 *   <li>{@link ichibyo.core.media.FfmpegBinaries#locate()}: the one locator of ffmpeg and ffprobe
 *       (system properties, {@code FFMPEG_PATH}/{@code FFPROBE_PATH}, {@code ICHIBYO_FFMPEG_DIR}, {@code /opt/bin}).</li>
 *   <li>{@link ichibyo.core.media.FfmpegRunner}: runs them with an argument list, a time limit and the
 *       stderr tail kept ({@link ichibyo.core.media.exceptions.FfmpegFailedException},
 *       {@link ichibyo.core.media.exceptions.FfmpegTimeoutException}).</li>
 *   <li>{@link ichibyo.core.media.MediaLocation}: a local path or presigned HTTPS URL (plain HTTP
 *       only to loopback hosts, the local runtime's S3), with the {@code -protocol_whitelist} that goes
 *       with it.</li>
 *   <li>{@link ichibyo.core.media.MediaProbe#probe(java.nio.file.Path)} →
 *       {@link ichibyo.core.media.MediaInfo}: kind, container, stored and upright size, EXIF
 *       {@link ichibyo.core.media.Orientation}, display rotation, duration, fps, audio, HDR transfer,
 *       capture time. HEIC goes through {@link ichibyo.core.media.HeicDecoder} ({@code heif-convert}).</li>
 *   <li>Permanent failures of a file are {@link ichibyo.core.media.exceptions.MediaException}s:
 *       {@link ichibyo.core.media.exceptions.MediaNotFoundException}, {@link ichibyo.core.media.exceptions.UndecodableMediaException},
 *       {@link ichibyo.core.media.exceptions.UnsupportedMediaException}, each with a {@code reason()}.</li>
 * </ul>
 *
 * <p>Rotation signs: this ffmpeg (4.4.1) writes {@code -metadata:s:v:0 rotate=90} as a quarter turn
 * counter-clockwise (newer ffprobe prints "rotation: 90", exiftool "Rotation: 270") and applies a
 * file's display matrix itself when it decodes. Code here only uses the rotation modulo 180 (for the
 * upright size); tests check pictures, not numbers.
 */
package ichibyo.core.media;
