package ichibyo.functions.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JsonRequestTest {

    private static APIGatewayV2HTTPEvent body(String body, boolean base64) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setBody(body);
        event.setIsBase64Encoded(base64);
        return event;
    }

    @Test
    void text_isTheBody_decodedWhenMarkedBase64() {
        String json = "{\"name\":\"田中家\"}";
        assertThat(JsonRequest.text(body(json, false), 64)).isEqualTo(json);
        assertThat(JsonRequest.text(body(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)), true), 64))
                .isEqualTo(json);
        assertThat(JsonRequest.text(body(null, false), 64)).isEmpty();
    }

    @Test
    void text_refusesABodyOverTheLimit_inBytes_andBase64ThatIsNot() {
        // 30 characters but 90 UTF-8 bytes.
        assertThatThrownBy(() -> JsonRequest.text(body("家".repeat(30), false), 64))
                .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.status()).isEqualTo(413));
        // Refused by its length before it is decoded.
        assertThatThrownBy(() -> JsonRequest.text(body("A".repeat(1_000_000), true), 64))
                .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.error()).isEqualTo("BodyTooLarge"));
        assertThatThrownBy(() -> JsonRequest.text(body("not base64!", true), 64))
                .isInstanceOfSatisfying(RequestRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.error()).isEqualTo("InvalidRequest");
                });
    }
}
