package ichibyo.local.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A test function that fails its first call and succeeds afterwards, to exercise Retry. */
public final class FlakyHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    static final AtomicInteger CALLS = new AtomicInteger();

    public static final class TransientException extends RuntimeException {
        public TransientException(String message) {
            super(message);
        }
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        if (CALLS.incrementAndGet() == 1) {
            throw new TransientException("first call fails");
        }
        return Map.of("items", java.util.List.of(1, 2, 3));
    }
}
