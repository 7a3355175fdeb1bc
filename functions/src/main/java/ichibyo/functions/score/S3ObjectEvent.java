package ichibyo.functions.score;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.core.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One object of an S3 event notification, as S3 sends it through SQS (the message body is the
 * notification JSON). Keys arrive URL-encoded, with {@code +} for spaces.
 */
public record S3ObjectEvent(String eventName, Instant eventTime, String bucket, String key, long size, String eTag,
                     String versionId, String sequencer) {

    /** The object records of one SQS message body; none for S3's {@code s3:TestEvent}. */
    public static List<S3ObjectEvent> parse(String body) throws IOException {
        JsonNode root = Json.mapper().readTree(body);
        List<S3ObjectEvent> events = new ArrayList<>();
        for (JsonNode record : root.path("Records")) {
            JsonNode s3 = record.path("s3");
            JsonNode object = s3.path("object");
            String rawKey = object.path("key").asText(null);
            if (rawKey == null) {
                throw new IOException("an S3 event record without s3.object.key");
            }
            String time = record.path("eventTime").asText(null);
            events.add(new S3ObjectEvent(
                    record.path("eventName").asText(""),
                    time == null ? Instant.now() : Instant.parse(time),
                    s3.path("bucket").path("name").asText(),
                    URLDecoder.decode(rawKey, StandardCharsets.UTF_8),
                    object.path("size").asLong(-1),
                    object.path("eTag").asText(null),
                    object.path("versionId").asText(null),
                    object.path("sequencer").asText(null)));
        }
        return events;
    }

    public boolean isObjectCreated() {
        return eventName.startsWith("ObjectCreated:");
    }
}
