package ichibyo.cdk;

import static ichibyo.cdk.StackTemplate.ref;
import static org.assertj.core.api.Assertions.assertThat;

import ichibyo.app.AppDescription;
import ichibyo.app.Function;
import ichibyo.app.Ichibyo;
import ichibyo.app.Queue;
import ichibyo.app.StateMachine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * What an operator is told and shown: an alarm for every function, dead-letter queue, state machine and
 * Distributed Map of the description, all to the TLS-only alert topic; the delivery dashboard; the limits on
 * score-media and the HTTP API; the API's access log.
 */
class MonitoringTest {

    static final AppDescription APP = Ichibyo.app();
    static StackTemplate stack;
    static Template template;
    static Object topic;

    @BeforeAll
    static void synthesize() {
        stack = StackTemplate.ichibyo();
        template = stack.template();
        topic = ref(stack.logicalId("alarms/Resource"));
    }

    @Test
    void everyFunction_alarmsOnErrorsAndThrottles() {
        for (Function f : APP.functions()) {
            for (String metric : List.of("Errors", "Throttles")) {
                stack.hasPropertiesAt("AWS::CloudWatch::Alarm", "functions/" + f.name() + "-" + metric.toLowerCase() + "/Resource", Map.of(
                        "Namespace", "AWS/Lambda", "MetricName", metric, "Statistic", "Sum", "Threshold", 0,
                        "ComparisonOperator", "GreaterThanThreshold",
                        "Dimensions", Match.exact(List.of(Map.of("Name", "FunctionName", "Value", ref(stack.logicalId("functions/" + f.name() + "/Resource"))))),
                        "AlarmActions", Match.exact(List.of(topic))));
            }
        }
    }

    @Test
    void everyDeadLetterQueue_alarmsOnAnyMessage_andOnAMessageWaitingForDays() {
        for (Queue q : APP.queues()) {
            if (q.deadLetter() == null) {
                continue;
            }
            String dlq = stack.logicalId("queues/" + q.deadLetter().queue() + "/Resource");
            Object dimensions = Match.exact(List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", List.of(dlq, "QueueName")))));
            stack.hasPropertiesAt("AWS::CloudWatch::Alarm", "queues/" + q.deadLetter().queue() + "-oldest-message/Resource", Map.of(
                    "MetricName", "ApproximateAgeOfOldestMessage", "Threshold", Monitoring.DEAD_LETTER_OLDEST_DAYS * 86_400,
                    "Dimensions", dimensions, "AlarmActions", Match.exact(List.of(topic))));
            stack.hasPropertiesAt("AWS::CloudWatch::Alarm", "queues/" + q.deadLetter().queue() + "-not-empty/Resource", Map.of(
                    "MetricName", "ApproximateNumberOfMessagesVisible", "Threshold", 0,
                    "Dimensions", dimensions, "AlarmActions", Match.exact(List.of(topic))));
        }
    }

    @Test
    void everyStateMachine_alarmsOnFailedAndTimedOutExecutions_andEachDistributedMapOnItsFailureRate() {
        for (StateMachine m : APP.stateMachines()) {
            for (String[] kind : new String[][] {{"failed", "ExecutionsFailed"}, {"timed-out", "ExecutionsTimedOut"}}) {
                stack.hasPropertiesAt("AWS::CloudWatch::Alarm", "statemachines/" + m.name() + "-" + kind[0] + "/Resource", Map.of(
                        "Namespace", "AWS/States", "MetricName", kind[1],
                        "Dimensions", Match.exact(List.of(Map.of("Name", "StateMachineArn", "Value", ref(stack.logicalId("statemachines/" + m.name() + "/Resource"))))),
                        "AlarmActions", Match.exact(List.of(topic))));
            }
        }
        // delivery-run's two Distributed Maps: its families and its large renders.
        for (String label : List.of("families", "large")) {
            Capture metrics = new Capture();
            stack.hasPropertiesAt("AWS::CloudWatch::Alarm", "statemachines/delivery-run-" + label + "-map-run-failures/Resource", Map.of(
                    "Threshold", Monitoring.MAP_RUN_FAILURE_PERCENT, "Metrics", metrics, "AlarmActions", Match.exact(List.of(topic))));
            String text = String.valueOf(metrics.asArray());
            assertThat(text).contains("ExecutionsStarted", "ExecutionsFailed", "ExecutionsTimedOut", "ExecutionsAborted",
                    ":stateMachine:Ichibyo-delivery-run/" + label + "]", "100 * (FILL(failed, 0)");
        }
    }

    @Test
    void theApi_alarmsOn5xx_logsEveryRequest_andIsThrottled() {
        String api = stack.logicalId("api/Resource");
        stack.hasPropertiesAt("AWS::CloudWatch::Alarm", "api-5xx/Resource", Map.of(
                "Namespace", "AWS/ApiGateway", "MetricName", "5xx",
                "Dimensions", Match.exact(List.of(Map.of("Name", "ApiId", "Value", ref(api)))),
                "AlarmActions", Match.exact(List.of(topic))));
        stack.hasPropertiesAt("AWS::ApiGatewayV2::Stage", "api/DefaultStage/Resource", Map.of(
                "ApiId", ref(api),
                "AccessLogSettings", Match.objectLike(Map.of(
                        "DestinationArn", Map.of("Fn::GetAtt", List.of(stack.logicalId("api-access-logs/Resource"), "Arn")),
                        "Format", Match.stringLikeRegexp(".*\\$context.requestId.*\\$context.status.*"))),
                "DefaultRouteSettings", Match.objectLike(Map.of(
                        "ThrottlingRateLimit", IchibyoStack.API_RATE_LIMIT, "ThrottlingBurstLimit", IchibyoStack.API_BURST_LIMIT))));
    }

    @Test
    void scoreMedia_runsAtMostItsConcurrency_throughItsQueuesMaximumConcurrency() {
        Function scorer = APP.function("score-media").orElseThrow();
        assertThat(scorer.maxConcurrency()).isEqualTo(Ichibyo.SCORE_MEDIA_CONCURRENCY);
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                "EventSourceArn", Map.of("Fn::GetAtt", List.of(stack.logicalId("queues/" + Ichibyo.SCORE_MEDIA_QUEUE + "/Resource"), "Arn")),
                "ScalingConfig", Map.of("MaximumConcurrency", Ichibyo.SCORE_MEDIA_CONCURRENCY)));
        // No reservation: it would fail to deploy on an account whose concurrency limit is still the new-account 10.
        stack.hasPropertiesAt("AWS::Lambda::Function", "functions/score-media/Resource", Map.of("ReservedConcurrentExecutions", Match.absent()));
    }

    @Test
    void theAlertTopic_refusesPublishersWithoutTls() {
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of(
                "Topics", List.of(topic),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))))));
        // No address is subscribed unless one is given (-c alertEmail=...).
        template.resourceCountIs("AWS::SNS::Subscription", 0);
    }

    @Test
    void everyEncodeFailed_isPublishedToTheEncodeAlertTopic_whichRefusesPublishersWithoutTls() {
        Object alerts = ref(stack.logicalId("topics/" + Ichibyo.ENCODE_ALERTS_TOPIC + "/Resource"));
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventBusName", ref(stack.logicalId("buses/" + Ichibyo.EVENT_BUS + "/Resource")),
                "EventPattern", Map.of("source", List.of("ichibyo.encode"), "detail-type", List.of("EncodeFailed")),
                "Targets", Match.arrayWith(List.of(Match.objectLike(Map.of("Arn", alerts))))));
        for (Object statement : List.of(
                Match.objectLike(Map.of("Effect", "Deny", "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))),
                Match.objectLike(Map.of("Effect", "Allow", "Action", "sns:Publish", "Principal", Map.of("Service", "events.amazonaws.com"))))) {
            template.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of("Topics", List.of(alerts),
                    "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(statement))))));
        }
    }

    @Test
    void anAlertEmail_inTheContext_isSubscribedToTheAlertTopic() {
        IchibyoStack withEmail = CdkApp.stack(StackTemplate.app(Map.of("alertEmail", "ops@example.com")), APP, Artifacts.of(Path.of("")));
        Template.fromStack(withEmail).hasResourceProperties("AWS::SNS::Subscription", Map.of(
                "Protocol", "email", "Endpoint", "ops@example.com"));
    }

    @Test
    void theDeliveryDashboard_showsMoviesPerMinute_failures_andRenderPercentiles() {
        Capture body = new Capture();
        template.hasResourceProperties("AWS::CloudWatch::Dashboard", Map.of("DashboardName", "Ichibyo-delivery", "DashboardBody", body));
        String text = String.valueOf(body.asObject());
        assertThat(text).contains("Movies delivered per minute", "SELECT SUM(MoviesDelivered) FROM ichibyo", "\"period\":60",
                "Failures per minute", "families failed (record-failure)",
                "Render duration (percentiles)", "p50", "p90", "p99", "RenderSeconds",
                "Alarms");
    }
}
