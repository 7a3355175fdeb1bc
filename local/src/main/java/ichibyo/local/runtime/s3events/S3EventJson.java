package ichibyo.local.runtime.s3events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.core.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** The JSON S3 sends for an event notification (event version 2.1), one record per message. */
public final class S3EventJson {

    private static final ObjectMapper JSON = Json.mapper();
    private static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private S3EventJson() {}

    /** Keys are URL-encoded as S3 encodes them in events: form encoding (space as {@code +}), slashes kept. */
    public static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    public static String toJson(ObjectCreated object, String region, String configurationId, String sequencer) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode record = root.putArray("Records").addObject();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", region);
        record.put("eventTime", EVENT_TIME.format(object.time()));
        record.put("eventName", object.eventName());
        record.putObject("userIdentity").put("principalId", "AWS:LOCAL");
        record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        ObjectNode response = record.putObject("responseElements");
        response.put("x-amz-request-id", UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase());
        response.put("x-amz-id-2", UUID.randomUUID().toString());
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", configurationId);
        ObjectNode bucket = s3.putObject("bucket");
        bucket.put("name", object.bucket());
        bucket.putObject("ownerIdentity").put("principalId", "LOCAL");
        bucket.put("arn", "arn:aws:s3:::" + object.bucket());
        ObjectNode o = s3.putObject("object");
        o.put("key", encodeKey(object.key()));
        o.put("size", object.size());
        o.put("eTag", object.eTag());
        if (object.versionId() != null) {
            o.put("versionId", object.versionId());
        }
        o.put("sequencer", sequencer);
        return root.toString();
    }
}
