package ichibyo.cdk;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import ichibyo.app.Access;
import ichibyo.app.AppDescription;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.IConstruct;

/**
 * Every cdk-nag finding (AwsSolutions and Serverless packs) that is accepted rather than fixed, in one place: each
 * names its rule, the resource it is on and why. The wildcards IAM5 reports are the described key prefixes
 * ({@code originals/*}) and ARNs that exist only at run time (executions, tasks); actions are never wildcards.
 * Everything else cdk-nag reports is fixed in the stack (access logs, TLS, tracing, log levels, flow logs, ...).
 */
final class Suppressions {

    static final String XRAY = "X-Ray's PutTraceSegments and PutTelemetryRecords have no resource-level permissions: "
            + "active tracing needs Resource *";
    static final String JAVA_21 = "Java 21 is the LTS the project compiles for (parent POM) and that SnapStart and the CRaC "
            + "priming are tested on; a runtime upgrade is a deliberate change, not drift";
    static final String NO_ASYNC = "invoked synchronously only (HTTP API, Step Functions, SQS event source mapping): a Lambda "
            + "dead-letter queue applies to asynchronous invocations, which the app has none of; failures go back to the caller, "
            + "the state machine's Retry/Catch, or the queue's own dead-letter queue";

    private Suppressions() {}

    static void apply(Stack stack, AppDescription app, Resources resources) {
        for (ichibyo.app.Function f : app.functions()) {
            IConstruct fn = resources.lambdas.get(f.name());
            List<NagPackSuppression> rules = new ArrayList<>(List.of(
                    rule("AwsSolutions-L1", JAVA_21),
                    rule("Serverless-LambdaLatestVersion", JAVA_21),
                    rule("Serverless-LambdaDLQ", NO_ASYNC)));
            if (!f.eventSources().isEmpty()) {
                rules.add(rule("Serverless-LambdaEventSourceMappingDestination", "an SQS event source mapping takes no on-failure "
                        + "destination: a message that keeps failing moves to the queue's dead-letter queue (redrive policy), which raises an alarm"));
            }
            NagSuppressions.addResourceSuppressions(fn, rules, true);
            List<String> runTime = f.access().stream().anyMatch(a -> a instanceof Access.StartExecutions || a instanceof Access.DescribeExecutions)
                    ? List.of("execution ARNs are made at run time (a job's deterministic execution name): DescribeExecution is "
                            + "granted on the executions of the named state machine only")
                    : List.of();
            role(resources.roles.get(f.name()), stack, resources, f.access(), XRAY, runTime);
        }
        for (ichibyo.app.StateMachine m : app.stateMachines()) {
            StateMachine machine = resources.stateMachines.get(m.name());
            List<String> extra = new ArrayList<>();
            if (m.access().stream().anyMatch(a -> a instanceof Access.StartExecutions)
                    || m.access().stream().anyMatch(a -> a instanceof Access.RunTask)
                    || resources.executionsGranted.contains(m.name())) {
                extra.add("execution and task ARNs are made at run time (execution names, task ids): DescribeExecution, "
                        + "StopExecution, DescribeTasks and StopTask are granted on the executions of the named state machine "
                        + "and the tasks of the app's cluster only");
            }
            role(machine.getRole(), stack, resources, m.access(),
                    "X-Ray (PutTraceSegments, GetSamplingRules, ...) and CloudWatch Logs' vended log delivery "
                            + "(CreateLogDelivery, ...) have no resource-level permissions; the CDK grants them for tracing and logs", extra);
        }
        for (ichibyo.app.FargateTask t : app.tasks()) {
            FargateTaskDefinition definition = resources.tasks.get(t.name());
            NagSuppressions.addResourceSuppressions(definition, List.of(rule("AwsSolutions-ECS2",
                    "the container's variables are resource names (the media bucket) and limits, no secrets; "
                            + "a task's input arrives in its container overrides")), false);
            role(definition.getTaskRole(), stack, resources, t.access(), null);
            NagSuppressions.addResourceSuppressions(definition.obtainExecutionRole(), List.of(rule("AwsSolutions-IAM5",
                    "ecr:GetAuthorizationToken has no resource-level permissions; pulling is granted on the image's repository only",
                    "Resource::*")), true);
        }
        if (resources.accessLogs != null) {
            NagSuppressions.addResourceSuppressions(resources.accessLogs, List.of(rule("AwsSolutions-S1",
                    "the server access log bucket itself: logging its own deliveries would log forever")), false);
        }
        for (ichibyo.app.Queue q : app.queues()) {
            boolean deadLetter = app.queues().stream().anyMatch(other -> other.deadLetter() != null
                    && other.deadLetter().queue().equals(q.name()));
            if (deadLetter && q.deadLetter() == null) {
                NagSuppressions.addResourceSuppressions(resources.queues.get(q.name()), List.of(rule("Serverless-SQSRedrivePolicy",
                        "a dead-letter queue needs no dead-letter queue: its messages wait to be redriven, and its depth and "
                                + "oldest message raise alarms")), true);
            }
        }
        // The families' user pool, when the stack makes one (no external OIDC issuer by context).
        IConstruct users = stack.getNode().tryFindChild("users");
        if (users != null) {
            NagSuppressions.addResourceSuppressions(users, List.of(
                    rule("AwsSolutions-COG2", "MFA is offered (TOTP, optional), not required: the members are families "
                            + "signing in on a phone, invited by an administrator (no self sign-up), with 12-character passwords; "
                            + "requiring a second factor is a product decision for the sign-in app, one setting here"),
                    rule("AwsSolutions-COG3", "threat protection (advanced security) is the Cognito Plus tier, billed per "
                            + "monthly active user; the pool has no self sign-up and tokens are short-lived. Enable it with "
                            + "the Plus feature plan when the user base warrants the cost")), true);
        }
        // The CDK's own singleton that sets the bucket's event notifications (Custom::S3BucketNotifications), when there are any.
        IConstruct notifications = stack.getNode().tryFindChild("BucketNotificationsHandler050a0587b7544547bf325f094a3db834");
        if (notifications == null) {
            return;
        }
        NagSuppressions.addResourceSuppressions(notifications,
                List.of(rule("AwsSolutions-IAM4", "the CDK's bucket-notifications handler: it writes its own logs "
                                + "(AWSLambdaBasicExecutionRole) and nothing else of ours", "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"),
                        rule("AwsSolutions-IAM5", "the CDK's bucket-notifications handler: s3:PutBucketNotification is granted "
                                + "by the CDK on Resource * for its singleton", "Resource::*")), true);
    }

    /** IAM5 on a role: the described key prefixes, and the reasons given for Resource * and run-time ARNs. */
    private static void role(IConstruct role, Stack stack, Resources resources, List<Access> access, String star, List<String> runTime) {
        Set<String> prefixes = new LinkedHashSet<>();
        for (Access a : access) {
            switch (a) {
                case Access.ReadObjects r -> prefixes.add(objects(stack, resources.buckets.get(r.bucket()), r.prefix()));
                case Access.WriteObjects w -> prefixes.add(objects(stack, resources.buckets.get(w.bucket()), w.prefix()));
                case Access.DeleteObjects d -> prefixes.add(objects(stack, resources.buckets.get(d.bucket()), d.prefix()));
                default -> { }
            }
        }
        List<NagPackSuppression> rules = new ArrayList<>();
        if (!prefixes.isEmpty()) {
            rules.add(rule("AwsSolutions-IAM5", "objects under the key prefixes the description grants (ichibyo.app.Access), "
                    + "not the bucket's: a prefix is the narrowest scope of keys made at run time", prefixes.toArray(String[]::new)));
        }
        if (star != null) {
            rules.add(rule("AwsSolutions-IAM5", star, "Resource::*"));
        }
        for (String reason : runTime) {
            rules.add(NagPackSuppression.builder().id("AwsSolutions-IAM5").reason(reason)
                    .appliesTo(List.of(io.github.cdklabs.cdknag.RegexAppliesTo.builder()
                            // Partition, region and account are tokens or, with an environment, names.
                            .regex("/^Resource::arn:.+:(states|ecs):.+:(execution:[^:]+:\\*|task\\/[^\\/]+\\/\\*)$/").build()))
                    .build());
        }
        if (!rules.isEmpty()) {
            NagSuppressions.addResourceSuppressions(role, rules, true);
        }
    }

    private static void role(IConstruct role, Stack stack, Resources resources, List<Access> access, String star) {
        role(role, stack, resources, access, star, List.of());
    }

    /** As cdk-nag writes {@code bucket.arnForObjects(prefix + "*")}: {@code Resource::<LogicalId.Arn>/prefix*}. */
    private static String objects(Stack stack, IBucket bucket, String prefix) {
        String id = stack.resolve(stack.getLogicalId((CfnElement) bucket.getNode().getDefaultChild())).toString();
        return "Resource::<" + id + ".Arn>/" + prefix + "*";
    }

    private static NagPackSuppression rule(String id, String reason, String... appliesTo) {
        NagPackSuppression.Builder b = NagPackSuppression.builder().id(id).reason(reason);
        if (appliesTo.length > 0) {
            b.appliesTo(List.<Object>of((Object[]) appliesTo));
        }
        return b.build();
    }
}
