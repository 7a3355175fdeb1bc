package ichibyo.local.sfn.integration.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ichibyo.local.sfn.integration.internal.ResponseMetadata;
import ichibyo.sfn.task.IntegrationPattern;
import ichibyo.sfn.task.TaskFailedException;
import ichibyo.sfn.task.TaskRequest;
import ichibyo.sfn.task.TaskRunner;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Locale;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Task integrations with AWS services through the AWS SDK v2: the optimized ones
 * ({@code arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem}, {@code sqs:sendMessage},
 * {@code sns:publish}, {@code events:putEvents}, and {@code s3:getObject|putObject}) and the SDK integrations
 * ({@code arn:aws:states:::aws-sdk:<s3|dynamodb|sqs|sns|eventbridge>:<action>}, every action of the SDK's model).
 *
 * <p>Parameters are the API's PascalCase members, converted into the SDK request through the SDK's own model
 * metadata, so any action works without code of its own; a string member given a JSON object or array gets the
 * JSON text (as Step Functions does for {@code MessageBody}, {@code Message}, {@code Detail}). Results are the API
 * response members; the optimized integrations add {@code SdkHttpMetadata} and {@code SdkResponseMetadata}.
 * S3 {@code getObject} returns the object as the string {@code Body}; {@code putObject} takes {@code Body} as a
 * string (or JSON, written as its text).
 *
 * <p>Errors: SDK integrations fail with {@code <Service>.<ExceptionClass>} ({@code S3.NoSuchKeyException},
 * {@code DynamoDb.ConditionalCheckFailedException}, {@code Sqs.QueueDoesNotExistException}, or the service's base
 * exception such as {@code S3.S3Exception} for errors the model does not name) and the SDK's message as cause;
 * optimized integrations with the SDK v1 style Step Functions reports ({@code DynamoDB.ConditionalCheckFailedException},
 * cause {@code "... (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ...; Request ID: ...; Proxy: null)"}).
 */
public final class AwsServiceTaskRunner implements TaskRunner {
    private static final ObjectMapper JSON = ichibyo.sfn.json.Json.MAPPER; // the emulator's one mapper

    private final AwsClients clients;

    public AwsServiceTaskRunner(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public JsonNode run(TaskRequest request) throws TaskFailedException, InterruptedException {
        AwsService service = AwsService.forTaskService(request.service()).orElseThrow(() -> new TaskFailedException(
                "States.Runtime", "The resource '" + request.resource() + "' is not supported."));
        boolean optimized = !request.service().toLowerCase(Locale.ROOT).startsWith("aws-sdk:");
        String action = request.action();
        if (action == null || action.isEmpty() || optimized && !service.optimizedActions().contains(action)
                || request.pattern() == IntegrationPattern.RUN_JOB) {
            throw new TaskFailedException("States.Runtime", "The resource '" + request.resource() + "' is not supported.");
        }
        String operation = Character.toUpperCase(action.charAt(0)) + action.substring(1);
        ObjectNode params = request.parameters() != null && request.parameters().isObject()
                ? ((ObjectNode) request.parameters()).deepCopy() : JsonNodeFactory.instance.objectNode();
        SdkClient client = clients.client(service, request.region());
        try {
            Class<?> requestClass = Class.forName(service.modelPackage() + ".model." + operation + "Request");
            Class<?> clientInterface = Class.forName(service.modelPackage() + "." + service.clientInterface());
            JsonNode body = null;
            boolean s3Get = service == AwsService.S3 && operation.equals("GetObject");
            boolean s3Put = service == AwsService.S3 && operation.equals("PutObject");
            if (s3Put) {
                body = params.remove("Body");
            }
            Object sdkRequest = SdkJson.build((SdkPojo) requestClass.getMethod("builder").invoke(null), params, "");
            SdkResponse response;
            String objectBody = null;
            try {
                if (s3Get) {
                    ResponseBytes<?> bytes = (ResponseBytes<?>) clientInterface
                            .getMethod("getObjectAsBytes", GetObjectRequest.class).invoke(client, sdkRequest);
                    response = (SdkResponse) bytes.response();
                    objectBody = bytes.asUtf8String();
                } else if (s3Put) {
                    String text = body == null || body.isNull() ? "" : body.isTextual() ? body.asText() : JSON.writeValueAsString(body);
                    response = (SdkResponse) clientInterface.getMethod("putObject", PutObjectRequest.class, RequestBody.class)
                            .invoke(client, sdkRequest, RequestBody.fromString(text));
                } else {
                    Method method = clientInterface.getMethod(action, requestClass);
                    response = (SdkResponse) method.invoke(client, sdkRequest);
                }
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException r && !(r instanceof SdkClientException)
                        && !(r instanceof AwsServiceException)) {
                    // the SDK's own request validation (e.g. an invalid bucket name): the call never left
                    throw SdkClientException.create(r.getMessage(), r);
                }
                throw e.getCause();
            }
            ObjectNode result = SdkJson.toJson(response);
            if (objectBody != null) {
                result.put("Body", objectBody);
            }
            if (optimized) {
                String requestId = response instanceof AwsResponse aws ? aws.responseMetadata().requestId() : null;
                ResponseMetadata.add(result, response.sdkHttpResponse().headers(), response.sdkHttpResponse().statusCode(),
                        requestId);
            }
            return result;
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new TaskFailedException("States.Runtime", "The resource '" + request.resource()
                    + "' is not supported: the " + service.sdkId() + " API has no action '" + action + "'.");
        } catch (SdkJson.InvalidParameterException e) {
            throw new TaskFailedException("States.Runtime", e.getMessage());
        } catch (AwsServiceException e) {
            throw serviceError(service, optimized, e);
        } catch (AbortedException e) {
            throw interrupted(e);
        } catch (SdkClientException e) {
            if (Thread.currentThread().isInterrupted() || e.getCause() instanceof InterruptedException) {
                throw interrupted(e);
            }
            throw new TaskFailedException((optimized ? service.optimizedPrefix() : service.sdkErrorPrefix()) + ".SdkClientException",
                    e.getMessage());
        } catch (TaskFailedException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw new TaskFailedException("States.Runtime", "The value of 'Body' cannot be written as JSON.");
        } catch (Throwable t) {
            if (t instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(t);
        }
    }

    private static InterruptedException interrupted(Exception e) {
        Thread.interrupted();
        InterruptedException interrupted = new InterruptedException("interrupted during an AWS call");
        interrupted.initCause(e);
        return interrupted;
    }

    /** The error and cause Step Functions reports for a service's error response. */
    static TaskFailedException serviceError(AwsService service, boolean optimized, AwsServiceException e) {
        String simpleName = e.getClass().getSimpleName();
        boolean unmodeled = e.getClass().getSuperclass() == AwsServiceException.class;
        if (!optimized) {
            return new TaskFailedException(service.sdkErrorPrefix() + "." + simpleName, e.getMessage());
        }
        String name = unmodeled ? "Amazon" + service.optimizedPrefix() + "Exception" : simpleName;
        String code = e.awsErrorDetails() == null ? simpleName : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                ? e.getMessage() : e.awsErrorDetails().errorMessage();
        return new TaskFailedException(service.optimizedPrefix() + "." + name, message + " (Service: " + service.v1ServiceName()
                + "; Status Code: " + e.statusCode() + "; Error Code: " + code + "; Request ID: " + e.requestId()
                + "; Proxy: null)");
    }
}
