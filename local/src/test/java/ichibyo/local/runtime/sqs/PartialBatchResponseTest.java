package ichibyo.local.runtime.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

class PartialBatchResponseTest {

    static final List<Message> BATCH = List.of(Message.builder().messageId("a").build(), Message.builder().messageId("b").build());

    @Test
    void namedItems_areTheOnlyFailures() {
        assertThat(SqsEventSourceMapping.failedItems("{\"batchItemFailures\":[{\"itemIdentifier\":\"b\"}]}", BATCH)).containsExactly("b");
    }

    @Test
    void emptyListNullOrNoResponse_meanTheWholeBatchSucceeded() {
        assertThat(SqsEventSourceMapping.failedItems("{\"batchItemFailures\":[]}", BATCH)).isEmpty();
        assertThat(SqsEventSourceMapping.failedItems("null", BATCH)).isEmpty();
        assertThat(SqsEventSourceMapping.failedItems("", BATCH)).isEmpty();
        assertThat(SqsEventSourceMapping.failedItems("{\"statusCode\":200}", BATCH)).isEmpty();
    }

    @Test
    void anUnknownOrEmptyIdentifier_failsTheWholeBatch_asLambdaDoes() {
        assertThat(SqsEventSourceMapping.failedItems("{\"batchItemFailures\":[{\"itemIdentifier\":\"zzz\"}]}", BATCH))
                .containsExactlyInAnyOrder("a", "b");
        assertThat(SqsEventSourceMapping.failedItems("{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}", BATCH))
                .containsExactlyInAnyOrder("a", "b");
    }
}
