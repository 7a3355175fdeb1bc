package ichibyo.functions.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.functions.EmbeddedAws;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

class TargetListsTest {

    static EmbeddedAws aws;

    @BeforeAll
    static void start() throws Exception {
        aws = new EmbeddedAws();
    }

    @AfterAll
    static void stop() throws Exception {
        aws.close();
    }

    static void put(String key, String text) {
        aws.s3.putObject(r -> r.bucket(EmbeddedAws.BUCKET).key(key), RequestBody.fromString(text, StandardCharsets.UTF_8));
    }

    static String get(String key) {
        return aws.s3.getObjectAsBytes(r -> r.bucket(EmbeddedAws.BUCKET).key(key)).asUtf8String();
    }

    @Test
    void join_keepsEveryLineInSegmentOrder_evenWhenAPartLacksItsLastNewline() {
        put("runs/q/targets/segment-0.jsonl", "{\"familyId\":\"a\"}\n{\"familyId\":\"b\"}\n");
        put("runs/q/targets/segment-1.jsonl", "");
        put("runs/q/targets/segment-2.jsonl", "{\"familyId\":\"田中\"}");

        long bytes = new TargetLists(aws.s3, EmbeddedAws.BUCKET).join(List.of("runs/q/targets/segment-0.jsonl",
                "runs/q/targets/segment-1.jsonl", "runs/q/targets/segment-2.jsonl"), "runs/q/targets.jsonl");

        String joined = get("runs/q/targets.jsonl");
        assertThat(joined.lines()).containsExactly("{\"familyId\":\"a\"}", "{\"familyId\":\"b\"}", "{\"familyId\":\"田中\"}");
        assertThat(bytes).isEqualTo(joined.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void join_ofListsLargerThanOnePart_writesAMultipartObjectWithEveryLine() {
        StringBuilder a = new StringBuilder();
        int families = 0;
        while (a.length() < TargetLists.PART_BYTES + 1024 * 1024) {
            a.append("{\"familyId\":\"family-").append(families++).append("\",\"timeZone\":\"Asia/Tokyo\"}\n");
        }
        put("runs/big/targets/segment-0.jsonl", a.toString());
        put("runs/big/targets/segment-1.jsonl", "{\"familyId\":\"last\"}\n");

        new TargetLists(aws.s3, EmbeddedAws.BUCKET).join(
                List.of("runs/big/targets/segment-0.jsonl", "runs/big/targets/segment-1.jsonl"), "runs/big/targets.jsonl");

        List<String> lines = get("runs/big/targets.jsonl").lines().toList();
        assertThat(lines).hasSize(families + 1);
        assertThat(lines.getFirst()).contains("family-0\"");
        assertThat(lines.getLast()).isEqualTo("{\"familyId\":\"last\"}");
        assertThat(aws.s3.headObject(r -> r.bucket(EmbeddedAws.BUCKET).key("runs/big/targets.jsonl")).eTag())
                .as("a multipart object's ETag ends with its part count").endsWith("-2\"");
    }
}
