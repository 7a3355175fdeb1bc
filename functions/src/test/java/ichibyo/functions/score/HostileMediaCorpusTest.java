package ichibyo.functions.score;

import static ichibyo.functions.score.HostileMedia.concat;
import static ichibyo.functions.score.HostileMedia.segment;
import static ichibyo.functions.score.HostileMedia.zlibZeros;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import ichibyo.core.Json;
import ichibyo.core.catalog.MediaItem;
import ichibyo.core.catalog.MediaStatus;
import ichibyo.samples.SampleMedia;
import ichibyo.core.scoring.MediaScorer;
import ichibyo.core.scoring.RejectReason;
import ichibyo.functions.EmbeddedAws;
import ichibyo.functions.catalog.MediaCatalog;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The hostile-media corpus: files built to exhaust the scorer, each delivered to score-media in a
 * batch with a good photo, with the reason it must be rejected for. Runs in a surefire fork with
 * score-media's Lambda memory as its heap (-Xmx2g, see functions/pom.xml), so a case that needed
 * more than the function has would fail here as it would on Lambda. Prints each case's peak heap.
 */
class HostileMediaCorpusTest {
    private static EmbeddedAws aws;
    private static MediaScorer scorer;
    private static MediaCatalog catalog;
    private static ScoreMediaHandler handler;
    private static long sequencer = 0x9000;
    private static byte[] goodPhoto;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        aws = new EmbeddedAws();
        scorer = MediaScorer.local();
        catalog = new MediaCatalog(aws.dynamoDb, EmbeddedAws.TABLE);
        handler = new ScoreMediaHandler(aws.s3, catalog, scorer, work, Clock.systemUTC());
        goodPhoto = Files.readAllBytes(SampleMedia.groupPhoto(4));
        System.out.printf("heap max %d MiB%n", Runtime.getRuntime().maxMemory() >> 20);
    }

    @AfterAll
    static void stop() throws Exception {
        // Peak resident memory of this whole JVM (all the cases, S3 and DynamoDB included).
        Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM")).forEach(System.out::println);
        scorer.close();
        aws.close();
    }

    static Stream<Arguments> corpus() {
        return Stream.of(
                Arguments.of("PNG (palette) zTXt inflating to 1 GiB", "png", RejectReason.METADATA_TOO_LARGE),
                Arguments.of("PNG zTXt inflating to 3 GiB", "png", RejectReason.METADATA_TOO_LARGE),
                Arguments.of("PNG compressed iTXt inflating to 3 GiB", "png", RejectReason.METADATA_TOO_LARGE),
                Arguments.of("PNG iCCP profile inflating to 256 MiB", "png", RejectReason.METADATA_TOO_LARGE),
                Arguments.of("PNG 40 zTXt chunks of 1 MiB each", "png", RejectReason.METADATA_TOO_LARGE),
                Arguments.of("PNG tEXt chunk declaring 2 GiB in a small file", "png", RejectReason.TRUNCATED),
                Arguments.of("PNG declaring 100000x100000 pixels", "png", RejectReason.TOO_MANY_PIXELS),
                Arguments.of("JPEG with 20 MiB of APP2 segments", "jpg", RejectReason.METADATA_TOO_LARGE),
                Arguments.of("JPEG APP1 running past the end of the file", "jpg", RejectReason.TRUNCATED),
                Arguments.of("JPEG EXIF with absurd IFD counts", "jpg", null),
                Arguments.of("MP4 cut short inside a 4 GiB moov box", "mp4", RejectReason.TRUNCATED),
                Arguments.of("HEIF meta box of 20 MiB", "heic", RejectReason.METADATA_TOO_LARGE),
                Arguments.of("HEIF meta box declaring 2 GiB in a small file", "heic", RejectReason.TRUNCATED));
    }

    private static byte[] build(String name) throws Exception {
        byte[] realJpeg = goodPhoto;
        return switch (name) {
            case "PNG (palette) zTXt inflating to 1 GiB" -> new HostileMedia.Png(64, 64, true).zTXt(zlibZeros(1L << 30)).finish();
            case "PNG zTXt inflating to 3 GiB" -> new HostileMedia.Png(64, 64, false).zTXt(zlibZeros(3L << 30)).finish();
            case "PNG compressed iTXt inflating to 3 GiB" -> new HostileMedia.Png(64, 64, true).iTXt(zlibZeros(3L << 30)).finish();
            case "PNG iCCP profile inflating to 256 MiB" -> new HostileMedia.Png(64, 64, false).iCCP(zlibZeros(256L << 20)).finish();
            case "PNG 40 zTXt chunks of 1 MiB each" -> {
                HostileMedia.Png png = new HostileMedia.Png(64, 64, true);
                byte[] mib = zlibZeros(1 << 20);
                for (int i = 0; i < 40; i++) {
                    png.zTXt(mib);
                }
                yield png.finish();
            }
            case "PNG tEXt chunk declaring 2 GiB in a small file" ->
                    new HostileMedia.Png(64, 64, false).chunk("tEXt", "Comment\0hello".getBytes(), Integer.MAX_VALUE).finish();
            case "PNG declaring 100000x100000 pixels" -> new HostileMedia.Png(100_000, 100_000, true).finish();
            case "JPEG with 20 MiB of APP2 segments" -> {
                byte[] icc = new byte[65533];
                byte[][] segments = new byte[320][];
                for (int i = 0; i < segments.length; i++) {
                    segments[i] = segment(0xE2, icc, 65535);
                }
                yield HostileMedia.jpegWithSegments(realJpeg, segments);
            }
            case "JPEG APP1 running past the end of the file" ->
                    concat(new byte[] {(byte) 0xFF, (byte) 0xD8}, segment(0xE1, "Exif\0\0MM\0*".getBytes(), 65535));
            case "JPEG EXIF with absurd IFD counts" -> {
                byte[] exif = HostileMedia.absurdExif();
                yield HostileMedia.jpegWithSegments(realJpeg, segment(0xE1, exif, exif.length + 2));
            }
            case "MP4 cut short inside a 4 GiB moov box" -> HostileMedia.truncatedMp4WithAHugeBox();
            case "HEIF meta box of 20 MiB" -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                HostileMedia.heifWithMeta(out, 20 << 20, 8 + (20 << 20));
                yield out.toByteArray();
            }
            case "HEIF meta box declaring 2 GiB in a small file" -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                HostileMedia.heifWithMeta(out, 1000, Integer.MAX_VALUE);
                yield out.toByteArray();
            }
            default -> throw new IllegalArgumentException(name);
        };
    }

    private record Upload(String familyId, String mediaId, String key, String eTag, String sequencer) {}

    private static Upload upload(String familyId, String ext, byte[] content) {
        String mediaId = UUID.randomUUID().toString();
        String key = "originals/" + familyId + "/" + mediaId + "." + ext;
        String eTag = aws.s3.putObject(p -> p.bucket(EmbeddedAws.BUCKET).key(key), RequestBody.fromBytes(content)).eTag();
        return new Upload(familyId, mediaId, key, eTag.replace("\"", ""), Long.toHexString(sequencer++).toUpperCase());
    }

    private static SQSEvent.SQSMessage message(Upload upload, long size) throws Exception {
        String body = Json.mapper().writeValueAsString(java.util.Map.of("Records", List.of(java.util.Map.of(
                "eventName", "ObjectCreated:Put", "eventTime", "2026-11-22T10:00:00Z",
                "s3", java.util.Map.of("bucket", java.util.Map.of("name", EmbeddedAws.BUCKET),
                        "object", java.util.Map.of("key", upload.key(), "size", size, "eTag", upload.eTag(),
                                "sequencer", upload.sequencer()))))));
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(UUID.randomUUID().toString());
        message.setBody(body);
        return message;
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    private static SQSEvent batch(SQSEvent.SQSMessage... messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(new ArrayList<>(List.of(messages)));
        return event;
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("corpus")
    void hostileFile_isRejectedWithItsReason_andItsBatchMateIsScored(String name, String ext, RejectReason expected) throws Exception {
        byte[] hostile = build(name);
        Upload bad = upload("fam-hostile", ext, hostile);
        Upload good = upload("fam-hostile", "jpg", goodPhoto);
        System.gc();
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
        long started = System.nanoTime();

        var response = handler.handleRequest(batch(message(bad, hostile.length), message(good, goodPhoto.length)), null);

        long millis = (System.nanoTime() - started) / 1_000_000;
        long peak = heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        MediaItem item = catalog.find(bad.familyId(), bad.mediaId()).orElseThrow();
        System.out.printf("corpus | %-50s | %8d bytes | %-20s | peak heap %4d MiB | %5d ms (with the batch mate)%n",
                name, hostile.length, item.rejectReason() == null ? item.status() : item.rejectReason(), peak >> 20, millis);
        assertThat(response.getBatchItemFailures()).isEmpty();
        if (expected == null) {
            assertThat(item.status()).isEqualTo(MediaStatus.SCORED);
            assertThat(item.orientation()).isEqualTo(1);
        } else {
            assertThat(item.status()).isEqualTo(MediaStatus.REJECTED);
            assertThat(item.rejectReason()).as(item.rejectDetail()).isEqualTo(expected);
        }
        assertThat(catalog.find(good.familyId(), good.mediaId()).orElseThrow().status()).isEqualTo(MediaStatus.SCORED);
        // Within the limits nothing large is allocated: far under the 2 GiB the 3 GiB bombs asked for.
        assertThat(peak).isLessThan(768L << 20);
    }
}
