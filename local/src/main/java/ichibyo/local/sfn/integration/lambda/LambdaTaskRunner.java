package ichibyo.local.sfn.integration.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.local.runtime.lambda.InProcessLambda;
import ichibyo.local.runtime.lambda.LambdaFunctionNotFoundException;
import ichibyo.local.runtime.lambda.LambdaInvocation;
import ichibyo.local.runtime.lambda.LambdaServiceException;
import ichibyo.local.sfn.integration.internal.ResponseMetadata;
import ichibyo.sfn.task.TaskFailedException;
import ichibyo.sfn.task.TaskRequest;
import ichibyo.sfn.task.TaskRunner;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code arn:aws:states:::lambda:invoke} (and {@code .waitForTaskToken}) and bare function ARNs, run by an
 * {@link InProcessLambda}.
 *
 * <ul>
 *   <li>{@code lambda:invoke} returns {@code {ExecutedVersion, Payload, SdkHttpMetadata, SdkResponseMetadata,
 *       StatusCode}} with the function's response parsed as JSON in {@code Payload} (a string when it is not JSON);
 *       parameters {@code FunctionName}, {@code Payload}, {@code Qualifier}, {@code InvocationType}, {@code LogType}
 *       ({@code Tail} adds {@code LogResult}).</li>
 *   <li>A bare function ARN returns the response itself.</li>
 *   <li>A function error fails the task with the error object's {@code errorType} as error and the error object
 *       as cause; an error object without {@code errorType} (a crash) gives {@code Lambda.Unknown}; a missing
 *       function gives {@code Lambda.ResourceNotFoundException}; an error of the Invoke API itself gives
 *       {@code Lambda.ServiceException} or {@code Lambda.TooManyRequestsException}.</li>
 * </ul>
 */
public final class LambdaTaskRunner implements TaskRunner {

    private static final ObjectMapper JSON = ichibyo.sfn.json.Json.MAPPER; // the emulator's one mapper
    private final InProcessLambda lambda;

    public LambdaTaskRunner(InProcessLambda lambda) {
        this.lambda = lambda;
    }

    @Override
    public JsonNode run(TaskRequest request) throws TaskFailedException, InterruptedException {
        if (!request.bareLambda() && !"invoke".equals(request.action())) {
            throw new TaskFailedException("States.Runtime",
                    "The resource '" + request.resource() + "' is not supported by the Lambda integration (only lambda:invoke).");
        }
        JsonNode params = request.parameters() == null ? JsonNodeFactory.instance.objectNode() : request.parameters();
        String functionName;
        byte[] payload;
        InProcessLambda.InvocationType type = InProcessLambda.InvocationType.REQUEST_RESPONSE;
        boolean tail = false;
        if (request.bareLambda()) {
            functionName = request.resource();
            payload = bytes(params);
        } else {
            JsonNode fn = params.get("FunctionName");
            if (fn == null || !fn.isTextual()) {
                throw new TaskFailedException("States.Runtime",
                        "The field 'FunctionName' is required but was missing from the Parameters of the Lambda task.");
            }
            functionName = fn.asText();
            JsonNode qualifier = params.get("Qualifier");
            if (qualifier != null && qualifier.isTextual() && !functionName.matches(".*:function:[^:]+:[^:]+|^[^:]+:[^:]+$")) {
                functionName = functionName + ":" + qualifier.asText();
            }
            JsonNode p = params.get("Payload");
            payload = p == null || p.isNull() ? "{}".getBytes(StandardCharsets.UTF_8) : bytes(p);
            try {
                type = InProcessLambda.InvocationType.parse(text(params.get("InvocationType")));
            } catch (IllegalArgumentException e) {
                throw new TaskFailedException("Lambda.InvalidParameterValueException", e.getMessage()
                        + " (Service: AWSLambda; Status Code: 400; Error Code: InvalidParameterValueException; Request ID: "
                        + UUID.randomUUID() + "; Proxy: null)");
            }
            tail = "Tail".equals(text(params.get("LogType")));
        }
        LambdaInvocation invocation;
        try {
            invocation = lambda.invoke(functionName, payload, type, request.region(), request.accountId());
        } catch (LambdaFunctionNotFoundException e) {
            throw new TaskFailedException("Lambda.ResourceNotFoundException", e.getMessage()
                    + " (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: "
                    + UUID.randomUUID() + "; Proxy: null)");
        } catch (LambdaServiceException e) {
            throw new TaskFailedException("Lambda." + e.errorCode(), e.getMessage());
        }
        if (invocation.failed()) {
            throw failure(invocation);
        }
        JsonNode responsePayload = parsePayload(invocation.payload());
        if (request.bareLambda()) {
            return responsePayload;
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("ExecutedVersion", invocation.executedVersion());
        if (tail) {
            result.put("LogResult", invocation.logTail());
        }
        result.set("Payload", responsePayload);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Connection", List.of("keep-alive"));
        headers.put("Content-Length", List.of(String.valueOf(invocation.payload().length)));
        headers.put("Content-Type", List.of("application/json"));
        headers.put("X-Amz-Executed-Version", List.of(invocation.executedVersion()));
        headers.put("x-amzn-Remapped-Content-Length", List.of("0"));
        headers.put("x-amzn-RequestId", List.of(invocation.requestId()));
        headers.put("X-Amzn-Trace-Id", List.of("root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 24) + ";sampled=0"));
        ResponseMetadata.add(result, headers, invocation.statusCode(), invocation.requestId());
        result.put("StatusCode", invocation.statusCode());
        return result;
    }

    /** The TaskFailed error and cause Step Functions gives for a function error. */
    static TaskFailedException failure(LambdaInvocation invocation) {
        String payload = invocation.payloadAsString();
        try {
            JsonNode error = JSON.readTree(payload);
            JsonNode type = error == null ? null : error.get("errorType");
            if (type != null && type.isTextual() && !type.asText().isEmpty()) {
                return new TaskFailedException(type.asText(), payload);
            }
        } catch (JsonProcessingException e) {
            // not JSON: no error type
        }
        return new TaskFailedException("Lambda.Unknown",
                "The cause could not be determined because Lambda did not return an error type. Returned payload: " + payload);
    }

    private static JsonNode parsePayload(byte[] payload) {
        if (payload.length == 0) {
            return JsonNodeFactory.instance.textNode("");
        }
        try {
            JsonNode node = JSON.readTree(payload);
            return node == null ? JsonNodeFactory.instance.textNode("") : node;
        } catch (java.io.IOException e) {
            return JsonNodeFactory.instance.textNode(new String(payload, StandardCharsets.UTF_8));
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

}
