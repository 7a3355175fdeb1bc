package ichibyo.functions.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ichibyo.functions.TransientFailureException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a step's failure leaves it: the error name the definitions retry (or catch) on. */
class StepFailuresTest {
    record In(String familyId) {}

    /** A step that fails with {@code failure}. */
    static StepHandler<In, In> failingWith(RuntimeException failure) {
        return new StepHandler<>(In.class, "failing-step", Map.of()) {
            @Override
            protected In handle(In input) {
                throw failure;
            }

            @Override
            protected String sampleEvent() {
                return "none.json";
            }
        };
    }

    static void invoke(StepHandler<In, In> step) throws IOException {
        step.handleRequest(new ByteArrayInputStream("{\"familyId\":\"f\"}".getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
    }

    @Test
    void aConnectionThatDroppedIsTransient() {
        SocketException dropped = new SocketException("Unexpected end of file from server");
        assertThatThrownBy(() -> invoke(failingWith(new UncheckedIOException(dropped))))
                .isInstanceOf(TransientFailureException.class).hasRootCause(dropped);
    }

    @Test
    void aRenderWhoseConnectionDroppedIsTransientToo() {
        SocketException dropped = new SocketException("Unexpected end of file from server");
        assertThat(ichibyo.functions.render.RenderErrors.reported(new UncheckedIOException(dropped)))
                .isInstanceOf(TransientFailureException.class).hasRootCause(dropped);
    }

    @Test
    void anotherIoFailureIsNot() {
        UncheckedIOException corrupt = new UncheckedIOException(new IOException("not an MP4"));
        assertThatThrownBy(() -> invoke(failingWith(corrupt))).isSameAs(corrupt);
    }
}
