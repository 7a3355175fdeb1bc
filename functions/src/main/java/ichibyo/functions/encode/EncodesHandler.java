package ichibyo.functions.encode;

import static ichibyo.functions.http.JsonResponse.response;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import ichibyo.core.Json;
import ichibyo.functions.Env;
import ichibyo.functions.aws.AwsClients;
import ichibyo.functions.aws.AwsFailures;
import ichibyo.functions.http.JsonResponse;
import ichibyo.functions.http.RequestRejectedException;
import ichibyo.functions.http.VerifiedCaller;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code GET /encodes?jobId=…} (HTTP API, payload 2.0): a job's work log ({@link EncodeWorkLog#read}): its status,
 * execution, times and error; every task with its attempts, where it ran and its output; every output with its
 * measured quality. 404 for an unknown job, 400 for a malformed id. Configuration: {@code ENCODE_JOBS_TABLE}.
 */
public final class EncodesHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {
    private final EncodeWorkLog workLog;

    public EncodesHandler() {
        this(System.getenv());
        Core.getGlobalContext().register(this);
    }

    public EncodesHandler(Map<String, String> env) {
        this.workLog = new EncodeWorkLog(AwsClients.fromEnvironment(env).dynamoDb(), Env.require(env, "ENCODE_JOBS_TABLE"), Clock.systemUTC());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try {
            VerifiedCaller.operator(event); // encodes are the operators', never a family's
        } catch (RequestRejectedException e) {
            return JsonResponse.refused(e);
        }
        String jobId = event.getQueryStringParameters() == null ? null : event.getQueryStringParameters().get("jobId");
        if (jobId == null || !jobId.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,79}")) {
            return response(400, Map.of("error", "InvalidRequest", "field", "jobId", "message", "jobId is 1–80 letters, digits, '-' and '_'"));
        }
        Optional<Map<String, Object>> job;
        try {
            job = workLog.read(jobId);
        } catch (SdkException e) {
            throw AwsFailures.classify(e);
        }
        return job.map(j -> response(200, j))
                .orElseGet(() -> response(404, Map.of("error", "JobNotFound", "field", "jobId", "message", "no encode job " + jobId)));
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) throws Exception {
        Json.mapper().writeValueAsString(Map.of("jobId", "j", "tasks", java.util.List.of(Map.of("attempts", 1))));
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew
    }

}
