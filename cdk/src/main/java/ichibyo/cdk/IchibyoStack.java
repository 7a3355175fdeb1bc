package ichibyo.cdk;

import ichibyo.app.AppDescription;
import ichibyo.app.ObjectCreatedNotification;
import ichibyo.app.Schedule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Size;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpUserPoolAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpUserPoolAuthorizerProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.IHttpRouteAuthorizer;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.CfnUserPoolGroup;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.AssetCode;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.ILayerVersion;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.NotificationKeyFilter;
import software.amazon.awscdk.services.s3.notifications.SqsDestination;
import software.amazon.awscdk.services.scheduler.CfnSchedule;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.lambda.EventSourceMappingOptions;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.constructs.Construct;

/**
 * Every AWS resource of ichibyo, built from the one description ({@link AppDescription}) that the
 * local runtime is also built from. Construct ids are the description's names; physical names are
 * generated (except state machines', see {@link Resources#stateMachineName}). Data (the media bucket,
 * the catalog) is retained when the stack is deleted.
 */
public final class IchibyoStack extends Stack {

    private final Resources resources = new Resources(this);
    private final Artifacts artifacts;
    private final Topic alarms;
    private final Map<String, Topic> topics = new LinkedHashMap<>();
    private final Monitoring monitoring;
    private final Bucket accessLogs;
    /** The HTTP API's steady request rate and burst (API Gateway's account default is 10,000 and 5,000). */
    static final int API_RATE_LIMIT = 50, API_BURST_LIMIT = 100;
    // One scope per kind of resource: names are unique within a kind only (a queue and a function are both
    // score-media), and the console shows paths like Ichibyo/queues/score-media.
    private final Construct bucketScope = new Construct(this, "buckets");
    private final Construct tableScope = new Construct(this, "tables");
    private final Construct queueScope = new Construct(this, "queues");
    private final Construct busScope = new Construct(this, "buses");
    private final Construct functionScope = new Construct(this, "functions");
    private final Construct stateMachineScope = new Construct(this, "statemachines");
    private final Construct scheduleScope = new Construct(this, "schedules");
    private final Construct taskScope = new Construct(this, "tasks");
    private final Construct topicScope = new Construct(this, "topics");
    private final Construct ruleScope = new Construct(this, "rules");

    public IchibyoStack(Construct scope, String id, StackProps props, AppDescription app, Artifacts artifacts) {
        super(scope, id, props);
        List<String> problems = app.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the app description is inconsistent: " + String.join("; ", problems));
        }
        this.artifacts = artifacts.requireBuilt();
        List<String> accessProblems = app.accessProblems();
        if (!accessProblems.isEmpty()) {
            throw new IllegalArgumentException("the app description's access lists disagree with what they name: "
                    + String.join("; ", accessProblems));
        }
        // Publishers (CloudWatch alarms) must use TLS; -c alertEmail=ops@example.com subscribes an address.
        this.alarms = Topic.Builder.create(this, "alarms").displayName("ichibyo alarms").enforceSsl(true).build();
        Object email = getNode().tryGetContext("alertEmail");
        if (email != null && !String.valueOf(email).isBlank()) {
            alarms.addSubscription(new EmailSubscription(String.valueOf(email)));
        }
        this.monitoring = new Monitoring(this, alarms);
        this.accessLogs = accessLogBucket();
        resources.accessLogs = accessLogs;

        app.buckets().forEach(this::bucket);
        app.tables().forEach(this::table);
        // A dead-letter queue before the queues that move messages to it.
        app.queues().stream().filter(q -> q.deadLetter() == null).forEach(this::queue);
        app.queues().stream().filter(q -> q.deadLetter() != null).forEach(this::queue);
        app.eventBuses().forEach(b -> resources.eventBuses.put(b.name(), EventBus.Builder.create(busScope, b.name()).build()));
        app.notifications().forEach(this::notification);
        app.topics().forEach(t -> topic(t, email));
        app.eventRules().forEach(this::eventRule);
        if (!app.tasks().isEmpty()) {
            FargateTasks.build(taskScope, app.tasks(), resources, this.artifacts);
        }
        functions(app.functions());
        app.stateMachines().forEach(this::stateMachine);
        app.schedules().forEach(this::schedule);
        monitoring.dashboard(app, resources);
        Suppressions.apply(this, app, resources);

        CfnOutput.Builder.create(this, "AlarmTopic").value(alarms.getTopicArn())
                .description("The alarms (errors, throttles, dead letters, API 5xx, failed executions): subscribe, or deploy with -c alertEmail=ADDRESS").build();
    }

    /**
     * Where S3 writes the buckets' server access logs: kept 90 days, retained with the data when the stack is
     * deleted (the record of who read families' media outlives the stack as the media does).
     */
    private Bucket accessLogBucket() {
        return Bucket.Builder.create(this, "access-logs")
                .encryption(BucketEncryption.S3_MANAGED) // the only encryption server access logging delivers to
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .lifecycleRules(List.of(LifecycleRule.builder().id("expire-access-logs").expiration(Duration.days(90)).build()))
                .build();
    }

    private void bucket(ichibyo.app.Bucket b) {
        Bucket bucket = Bucket.Builder.create(bucketScope, b.name())
                .versioned(b.versioned())
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .serverAccessLogsBucket(accessLogs).serverAccessLogsPrefix(b.name() + "/")
                .removalPolicy(RemovalPolicy.RETAIN) // families' photos and movies outlive any stack
                // Browsers upload with upload-url's presigned PUT.
                .cors(List.of(CorsRule.builder().allowedMethods(List.of(HttpMethods.PUT)).allowedOrigins(List.of("*"))
                        .allowedHeaders(List.of("*")).maxAge(3000).build()))
                .lifecycleRules(List.of(LifecycleRule.builder().id("abort-incomplete-uploads")
                        .abortIncompleteMultipartUploadAfter(Duration.days(7)).build()))
                .build();
        resources.buckets.put(b.name(), bucket);
        CfnOutput.Builder.create(this, "bucket-" + b.name()).value(bucket.getBucketName()).build();
    }

    private void table(ichibyo.app.Table t) {
        Table table = Table.Builder.create(tableScope, t.name())
                .partitionKey(attribute(t.partitionKey()))
                .sortKey(t.sortKey() == null ? null : attribute(t.sortKey()))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
                .timeToLiveAttribute(t.ttlAttribute())
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        for (ichibyo.app.Table.GlobalIndex i : t.indexes()) {
            table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder().indexName(i.name())
                    .partitionKey(attribute(i.partitionKey()))
                    .sortKey(i.sortKey() == null ? null : attribute(i.sortKey()))
                    .projectionType(ProjectionType.ALL).build());
        }
        resources.tables.put(t.name(), table);
        CfnOutput.Builder.create(this, "table-" + t.name()).value(table.getTableName()).build();
    }

    private static Attribute attribute(ichibyo.app.Table.Key key) {
        AttributeType type = switch (key.type()) {
            case S -> AttributeType.STRING;
            case N -> AttributeType.NUMBER;
            case B -> AttributeType.BINARY;
        };
        return Attribute.builder().name(key.name()).type(type).build();
    }

    private void queue(ichibyo.app.Queue q) {
        Queue.Builder builder = Queue.Builder.create(queueScope, q.name())
                .visibilityTimeout(seconds(q.visibilityTimeout()))
                .retentionPeriod(seconds(q.retention()))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true);
        if (q.deadLetter() != null) {
            Queue dlq = (Queue) resources.queues.get(q.deadLetter().queue());
            builder.deadLetterQueue(DeadLetterQueue.builder().queue(dlq).maxReceiveCount(q.deadLetter().maxReceiveCount()).build());
            monitoring.deadLetters(queueScope, q, dlq);
        }
        resources.queues.put(q.name(), builder.build());
    }

    /** A described topic, made as the alarms topic is: TLS publishers only, the alert address subscribed. */
    private void topic(ichibyo.app.Topic t, Object email) {
        Topic topic = Topic.Builder.create(topicScope, t.name()).displayName("ichibyo " + t.name()).enforceSsl(true).build();
        if (email != null && !String.valueOf(email).isBlank()) {
            topic.addSubscription(new EmailSubscription(String.valueOf(email)));
        }
        topics.put(t.name(), topic);
        CfnOutput.Builder.create(this, "topic-" + t.name()).value(topic.getTopicArn()).build();
    }

    /** A described rule: the bus's events of its source and detail types, each published whole to its topic. */
    private void eventRule(ichibyo.app.EventRule r) {
        Queue dlq = Queue.Builder.create(ruleScope, r.name() + "-dlq").encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true)
                .retentionPeriod(Duration.days(14)).build();
        NagSuppressions.addResourceSuppressions(dlq, List.of(
                NagPackSuppression.builder().id("AwsSolutions-SQS3").reason("it is itself a dead-letter queue: of rule " + r.name() + "'s target").build(),
                NagPackSuppression.builder().id("Serverless-SQSRedrivePolicy").reason("it is itself a dead-letter queue (of rule " + r.name()
                        + "'s target): nothing consumes it to redrive from, its messages wait for a person and raise an alarm").build()), true);
        monitoring.ruleDeadLetters(ruleScope, r.name(), dlq);
        software.amazon.awscdk.services.events.Rule.Builder.create(ruleScope, r.name())
                .description("events of " + r.source() + " " + r.detailTypes() + " to topic " + r.topic())
                .eventBus(resources.eventBuses.get(r.bus()))
                .eventPattern(software.amazon.awscdk.services.events.EventPattern.builder()
                        .source(List.of(r.source())).detailType(r.detailTypes()).build())
                // The target adds the topic policy that lets EventBridge (and only it, for this rule) publish; what it cannot
                // deliver after its retries waits in the rule's dead-letter queue, which raises an alarm.
                .targets(List.of(new software.amazon.awscdk.services.events.targets.SnsTopic(topics.get(r.topic()),
                        software.amazon.awscdk.services.events.targets.SnsTopicProps.builder().deadLetterQueue(dlq).build())))
                .build();
    }

    private void notification(ObjectCreatedNotification n) {
        Bucket bucket = (Bucket) resources.buckets.get(n.bucket());
        NotificationKeyFilter.Builder filter = NotificationKeyFilter.builder();
        if (!n.prefix().isEmpty()) filter.prefix(n.prefix());
        if (!n.suffix().isEmpty()) filter.suffix(n.suffix());
        bucket.addEventNotification(EventType.OBJECT_CREATED, new SqsDestination(resources.queues.get(n.queue())), filter.build());
    }

    private void functions(List<ichibyo.app.Function> described) {
        if (described.isEmpty()) {
            return;
        }
        // One deployment package for every function (one upload); the handler class picks the function.
        AssetCode code = Code.fromAsset(artifacts.functionsJar().toString());
        ILayerVersion ffmpeg = described.stream().anyMatch(ichibyo.app.Function::ffmpeg)
                ? LayerVersion.Builder.create(functionScope, "ffmpeg-layer")
                        .code(Code.fromAsset(artifacts.ffmpegLayer().toString()))
                        .compatibleArchitectures(List.of(Architecture.ARM_64))
                        .compatibleRuntimes(List.of(Runtime.JAVA_21))
                        .description("FFmpeg, ffprobe and the HEIC decoder heif-convert (arm64) in /opt/bin")
                        .build()
                : null;
        Map<ichibyo.app.Function, Function> built = new LinkedHashMap<>();
        for (ichibyo.app.Function f : described) {
            // A role of its own: only what the description grants, and its own log group (no managed policy).
            Role role = Role.Builder.create(functionScope, f.name() + "-role")
                    .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                    .description("ichibyo function " + f.name()).build();
            LogGroup logs = LogGroup.Builder.create(functionScope, f.name() + "-logs")
                    .retention(RetentionDays.ONE_MONTH).removalPolicy(RemovalPolicy.DESTROY).build();
            logs.grantWrite(role);
            boolean polls = !f.eventSources().isEmpty();
            Function fn = Function.Builder.create(functionScope, f.name())
                    .runtime(Runtime.JAVA_21)
                    .architecture(Architecture.ARM_64)
                    .handler(f.handler() + "::handleRequest")
                    .code(code)
                    .role(role)
                    .memorySize(f.memoryMb())
                    .timeout(seconds(f.timeout()))
                    .ephemeralStorageSize(Size.mebibytes(f.ephemeralStorageMb()))
                    .layers(f.ffmpeg() ? List.of(ffmpeg) : List.of())
                    .snapStart(f.snapStart() ? SnapStartConf.ON_PUBLISHED_VERSIONS : null)
                    .tracing(Tracing.ACTIVE)
                    // A polling function is capped by its mappings' maximum concurrency (no throttles); another one by reservation.
                    .reservedConcurrentExecutions(f.maxConcurrency() > 0 && !polls ? f.maxConcurrency() : null)
                    .logGroup(logs)
                    .build();
            // SnapStart works on published versions: events and callers go to the alias of the latest one.
            IFunction target = fn;
            if (f.snapStart()) {
                target = fn.addAlias("live");
                Annotations.of(fn).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                        "published: callers and event sources use the live alias of the current version");
            }
            resources.functions.put(f.name(), target);
            resources.roles.put(f.name(), role);
            resources.lambdas.put(f.name(), fn);
            built.put(f, fn);
            monitoring.function(functionScope, f, fn);
        }
        httpApi(described);
        // Environments and grants once every function exists, so functions may name each other.
        built.forEach((f, fn) -> {
            f.environment().forEach((k, ref) -> fn.addEnvironment(k, resources.token(ref)));
            // Powertools' logs and metrics name the service (ichibyo.functions.Invocation; locally it sets the same).
            fn.addEnvironment("POWERTOOLS_SERVICE_NAME", "ichibyo");
            f.access().forEach(a -> resources.grant(a, fn));
            IFunction target = resources.functions.get(f.name());
            for (ichibyo.app.Function.SqsEventSource e : f.eventSources()) {
                // A plain mapping: its consume grant is the description's (Access.consume), not an implicit one.
                target.addEventSourceMapping("queue-" + e.queue(), EventSourceMappingOptions.builder()
                        .eventSourceArn(resources.queues.get(e.queue()).getQueueArn())
                        .batchSize(e.batchSize())
                        .maxBatchingWindow(seconds(e.maximumBatchingWindow()))
                        .reportBatchItemFailures(e.reportBatchItemFailures())
                        .maxConcurrency(f.maxConcurrency() > 0 ? f.maxConcurrency() : null)
                        .build());
            }
            CfnOutput.Builder.create(this, "function-" + f.name()).value(fn.getFunctionName()).build();
        });
    }

    /** CDK context: the issuer of the tokens the API takes instead of the stack's user pool (any OIDC provider). */
    public static final String JWT_ISSUER_CONTEXT = "ichibyo:jwtIssuer";
    /** CDK context, with {@link #JWT_ISSUER_CONTEXT}: the audiences (client ids) a token must be for, comma-separated. */
    public static final String JWT_AUDIENCE_CONTEXT = "ichibyo:jwtAudience";

    /**
     * The app's HTTP API: one route per described route, each to its function (payload format 2.0).
     * Every route needs a bearer token that the API's JWT authorizer verifies ({@link #jwtAuthorizer});
     * the function gets its claims and decides which families the caller may act for.
     */
    private void httpApi(List<ichibyo.app.Function> described) {
        if (described.stream().allMatch(f -> f.httpRoutes().isEmpty())) {
            return;
        }
        HttpApi api = HttpApi.Builder.create(this, "api")
                .apiName(getStackName())
                .description("ichibyo's HTTP API")
                .defaultAuthorizer(jwtAuthorizer())
                .build();
        // Access logs (one JSON line per request) and a rate limit for every route, on the default stage.
        LogGroup accessLog = LogGroup.Builder.create(this, "api-access-logs")
                .retention(RetentionDays.ONE_MONTH).removalPolicy(RemovalPolicy.DESTROY).build();
        CfnStage stage = (CfnStage) api.getDefaultStage().getNode().getDefaultChild();
        stage.setAccessLogSettings(CfnStage.AccessLogSettingsProperty.builder()
                .destinationArn(accessLog.getLogGroupArn())
                .format(ACCESS_LOG_FORMAT).build());
        stage.setDefaultRouteSettings(CfnStage.RouteSettingsProperty.builder()
                .throttlingRateLimit((double) API_RATE_LIMIT).throttlingBurstLimit(API_BURST_LIMIT).build());
        monitoring.api(api);
        for (ichibyo.app.Function f : described) {
            for (ichibyo.app.Function.HttpRoute r : f.httpRoutes()) {
                api.addRoutes(AddRoutesOptions.builder()
                        .path(r.path())
                        .methods(List.of(HttpMethod.valueOf(r.method())))
                        .integration(new HttpLambdaIntegration(f.name() + "-integration", resources.functions.get(f.name())))
                        .build());
            }
        }
        CfnOutput.Builder.create(this, "ApiUrl").value(api.getApiEndpoint())
                .description("The HTTP API (Authorization: Bearer ID-or-access-token)").build();
    }

    /**
     * Who may call the API: by default the users of a Cognito user pool in this stack (no self sign-up:
     * an administrator invites families' members), through its one app client; with the context
     * {@value #JWT_ISSUER_CONTEXT} and {@value #JWT_AUDIENCE_CONTEXT}, any OpenID Connect issuer's
     * tokens for those audiences, and no user pool. Either way API Gateway checks the signature (the
     * issuer's JWKS), {@code iss}, {@code aud} or {@code client_id}, and the lifetime, before a function runs.
     */
    private IHttpRouteAuthorizer jwtAuthorizer() {
        Object issuer = getNode().tryGetContext(JWT_ISSUER_CONTEXT);
        Object audience = getNode().tryGetContext(JWT_AUDIENCE_CONTEXT);
        if (issuer != null || audience != null) {
            if (issuer == null || audience == null || String.valueOf(issuer).isBlank() || String.valueOf(audience).isBlank()) {
                throw new IllegalArgumentException("-c " + JWT_ISSUER_CONTEXT + "=URL and -c " + JWT_AUDIENCE_CONTEXT
                        + "=CLIENT_ID[,...] go together (the issuer alone would accept tokens for any client)");
            }
            if (!String.valueOf(issuer).startsWith("https://")) {
                throw new IllegalArgumentException(JWT_ISSUER_CONTEXT + " must be an https:// issuer URL (API Gateway fetches its JWKS): " + issuer);
            }
            List<String> audiences = java.util.Arrays.stream(String.valueOf(audience).split(",")).map(String::strip)
                    .filter(a -> !a.isEmpty()).toList();
            return HttpJwtAuthorizer.Builder.create("families", String.valueOf(issuer)).jwtAudience(audiences).build();
        }
        UserPool users = UserPool.Builder.create(this, "users")
                .selfSignUpEnabled(false)
                .mfa(Mfa.OPTIONAL)
                .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
                .signInAliases(SignInAliases.builder().email(true).build())
                .passwordPolicy(PasswordPolicy.builder().minLength(12).requireLowercase(true).requireUppercase(true)
                        .requireDigits(true).requireSymbols(true).build())
                .removalPolicy(RemovalPolicy.RETAIN) // members' accounts outlive any stack, as their photos do
                .build();
        // The people who run ichibyo: the encode routes answer only tokens of this group (cognito:groups).
        CfnUserPoolGroup.Builder.create(this, "operators").userPoolId(users.getUserPoolId())
                .groupName("operators") // ichibyo.core.family.access.Caller.OPERATORS
                .description("ichibyo's operators: POST /encodes, GET /encodes, PUT /profile-sets, PUT /profiles/{id}").build();
        UserPoolClient client = users.addClient("app", UserPoolClientOptions.builder()
                // SRP for apps; password auth (over TLS) for the AWS CLI's initiate-auth in the README's smoke test.
                .authFlows(AuthFlow.builder().userSrp(true).userPassword(true).build())
                .generateSecret(false) // a phone or browser app keeps no secret
                .build());
        CfnOutput.Builder.create(this, "UserPoolId").value(users.getUserPoolId())
                .description("The families' members sign in here (admin-create-user invites one)").build();
        CfnOutput.Builder.create(this, "UserPoolClientId").value(client.getUserPoolClientId())
                .description("The app client to sign in with (USER_SRP_AUTH, USER_PASSWORD_AUTH); its ID tokens call the API").build();
        return new HttpUserPoolAuthorizer("families", users, HttpUserPoolAuthorizerProps.builder().userPoolClients(List.of(client)).build());
    }

    /** API Gateway's access log variables, one JSON object a request. */
    static final String ACCESS_LOG_FORMAT = "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\","
            + "\"caller\":\"$context.identity.caller\",\"requestTime\":\"$context.requestTime\",\"routeKey\":\"$context.routeKey\","
            + "\"status\":\"$context.status\",\"responseLength\":\"$context.responseLength\","
            + "\"latencyMs\":\"$context.responseLatency\",\"integrationError\":\"$context.integrationErrorMessage\"}";

    private void stateMachine(ichibyo.app.StateMachine m) {
        String definition;
        try {
            definition = Files.readString(artifacts.definition(m.definitionFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("state machine " + m.name() + ": cannot read " + m.definitionFile(), e);
        }
        Map<String, String> substitutions = new LinkedHashMap<>();
        m.substitutions().forEach((k, ref) -> substitutions.put(k, resources.token(ref)));
        boolean express = m.type() == ichibyo.app.StateMachine.Type.EXPRESS;
        StateMachine machine = StateMachine.Builder.create(stateMachineScope, m.name())
                .stateMachineName(resources.stateMachineName(m.name()))
                // From a string, not a file asset: the definition stays in the template, where assertions and
                // the console's diff see it.
                .definitionBody(DefinitionBody.fromString(definition))
                .definitionSubstitutions(substitutions)
                .stateMachineType(express ? StateMachineType.EXPRESS : StateMachineType.STANDARD)
                .tracingEnabled(true)
                // Express workflows keep no history of their own: their logs are the only record.
                .logs(LogOptions.builder()
                        .destination(LogGroup.Builder.create(stateMachineScope, m.name() + "-logs")
                                .retention(RetentionDays.ONE_MONTH).removalPolicy(RemovalPolicy.DESTROY).build())
                        // Every event (what a failure followed), without the data of Standard executions (families' details).
                        .level(LogLevel.ALL).includeExecutionData(express).build())
                .build();
        m.access().forEach(a -> resources.grant(a, machine));
        m.substitutions().values().forEach(ref -> resources.grantTaskResponse(ref, m.name()));
        resources.stateMachines.put(m.name(), machine);
        monitoring.stateMachine(stateMachineScope, m, machine, definition);
        if (definition.contains("\"DISTRIBUTED\"")) {
            // A Distributed Map runs its items as child executions of this state machine.
            resources.grantExecutions(m.name(), machine);
            resources.executionsGranted.add(m.name());
        }
        CfnOutput.Builder.create(this, "statemachine-" + m.name()).value(machine.getStateMachineArn()).build();
    }

    private void schedule(Schedule s) {
        Role role = Role.Builder.create(scheduleScope, s.name() + "-role")
                .assumedBy(new ServicePrincipal("scheduler.amazonaws.com")).build();
        role.addToPolicy(PolicyStatement.Builder.create().actions(List.of("states:StartExecution"))
                .resources(List.of(resources.stateMachineArn(s.stateMachine()))).build());
        boolean flexible = s.flexibleWindowMinutes() > 0;
        CfnSchedule.Builder.create(scheduleScope, s.name())
                .description("starts " + s.stateMachine())
                .scheduleExpression(s.expression())
                .scheduleExpressionTimezone(s.timeZone())
                .flexibleTimeWindow(CfnSchedule.FlexibleTimeWindowProperty.builder()
                        .mode(flexible ? "FLEXIBLE" : "OFF")
                        .maximumWindowInMinutes(flexible ? s.flexibleWindowMinutes() : null).build())
                .target(CfnSchedule.TargetProperty.builder()
                        .arn(resources.stateMachineArn(s.stateMachine()))
                        .roleArn(role.getRoleArn())
                        .input(s.input())
                        .build())
                .build();
    }

    private static Duration seconds(java.time.Duration d) {
        return Duration.seconds(d.toSeconds());
    }
}
