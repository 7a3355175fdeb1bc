package ichibyo.local.runtime.s3events;

import ichibyo.core.Json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ichibyo.app.ObjectCreatedNotification;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class S3EventNotificationsTest {

    static final ObjectCreatedNotification VIDEOS = new ObjectCreatedNotification("media", "originals/", ".mov", "q");

    @Test
    void matches_prefixExactly_andSuffixInAnyCase() {
        assertThat(S3EventNotifications.matches(VIDEOS, "media", "originals/f1/IMG_0001.MOV")).isTrue();
        assertThat(S3EventNotifications.matches(VIDEOS, "media", "originals/f1/clip.mov")).isTrue();
        assertThat(S3EventNotifications.matches(VIDEOS, "media", "Originals/f1/clip.mov")).isFalse();
        assertThat(S3EventNotifications.matches(VIDEOS, "media", "derived/f1/clip.mov")).isFalse();
        assertThat(S3EventNotifications.matches(VIDEOS, "other", "originals/f1/clip.mov")).isFalse();
        assertThat(S3EventNotifications.matches(VIDEOS, "media", "originals/f1/clip.mp4")).isFalse();
    }

    @Test
    void encodeKey_encodesAsS3Events_spacesAsPlusAndSlashesKept() {
        assertThat(S3EventJson.encodeKey("originals/f 1/a (1)+b=é.jpg")).isEqualTo("originals/f+1/a+%281%29%2Bb%3D%C3%A9.jpg");
    }

    @Test
    void eventJson_hasTheFieldsOfS3sEventVersion21() throws Exception {
        ObjectCreated o = new ObjectCreated("ObjectCreated:Put", "media", "originals/a b.jpg", 42, "abc", "v1", Instant.parse("2026-11-22T10:00:00Z"));
        JsonNode r = Json.mapper().readTree(S3EventJson.toJson(o, "us-east-1", "cfg", "0000000000000001")).path("Records").get(0);
        assertThat(r.path("eventTime").asText()).isEqualTo("2026-11-22T10:00:00.000Z");
        assertThat(r.path("awsRegion").asText()).isEqualTo("us-east-1");
        assertThat(r.at("/s3/s3SchemaVersion").asText()).isEqualTo("1.0");
        assertThat(r.at("/s3/configurationId").asText()).isEqualTo("cfg");
        assertThat(r.at("/s3/object/key").asText()).isEqualTo("originals/a+b.jpg");
        assertThat(r.at("/s3/object/versionId").asText()).isEqualTo("v1");
        assertThat(r.at("/s3/object/sequencer").asText()).isEqualTo("0000000000000001");
    }

    @Test
    void eventJson_hasNoVersionId_whenTheBucketIsNotVersioned() throws Exception {
        ObjectCreated o = new ObjectCreated("ObjectCreated:Copy", "media", "k", 1, "e", null, Instant.now());
        JsonNode object = Json.mapper().readTree(S3EventJson.toJson(o, "us-east-1", "c", "1")).at("/Records/0/s3/object");
        assertThat(object.has("versionId")).isFalse();
    }
}
