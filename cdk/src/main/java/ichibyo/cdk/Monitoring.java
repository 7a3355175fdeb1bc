package ichibyo.cdk;

import ichibyo.app.AppDescription;
import ichibyo.app.Ichibyo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * The alarms (every one to the alert topic) and the delivery-run dashboard. Every described function, dead-letter
 * queue, state machine and Distributed Map gets its alarms from here as it is built, so a new one is watched
 * without anyone remembering to.
 *
 * <ul>
 *   <li>function: {@code errors} (any in 5 minutes) and {@code throttles} (any in 5 minutes);</li>
 *   <li>dead-letter queue: {@code not-empty} (any message) and {@code oldest-message} (older than
 *       {@value #DEAD_LETTER_OLDEST_DAYS} days: redrive it before the queue's retention drops it);</li>
 *   <li>HTTP API: {@code api-5xx} (any server error in 5 minutes);</li>
 *   <li>state machine: {@code failed} and {@code timed-out} executions (any in 5 minutes);</li>
 *   <li>Distributed Map (a {@code Label}ed map): {@code map-run-failures}, the share of child executions that failed,
 *       timed out or were aborted, above {@value #MAP_RUN_FAILURE_PERCENT} % in 15 minutes (half the delivery run's
 *       tolerated failure, so a run is looked at before it fails).</li>
 * </ul>
 */
final class Monitoring {

    /** The namespace of ichibyo's own EMF metrics ({@code MoviesDelivered}, {@code RenderSeconds}, ...). */
    static final String NAMESPACE = "ichibyo";
    static final int DEAD_LETTER_OLDEST_DAYS = 3;
    static final int MAP_RUN_FAILURE_PERCENT = 5;
    private static final Duration FIVE_MINUTES = Duration.minutes(5);
    private static final Pattern LABEL = Pattern.compile("\"Label\"\\s*:\\s*\"([^\"]+)\"");

    private final Stack stack;
    private final Topic topic;
    /** Every alarm made, in order, for the dashboard's alarm list. */
    final List<Alarm> alarms = new ArrayList<>();
    /** The Distributed Map labels of each state machine, in definition order. */
    private final Map<String, List<String>> mapLabels = new LinkedHashMap<>();

    Monitoring(Stack stack, Topic topic) {
        this.stack = stack;
        this.topic = topic;
    }

    void function(Construct scope, ichibyo.app.Function described, Function fn) {
        sum(scope, described.name() + "-errors", fn.metricErrors(five("Sum")),
                "function " + described.name() + " failed: its logs say why (a step's errors are also retried or caught by its state machine)");
        sum(scope, described.name() + "-throttles", fn.metricThrottles(five("Sum")),
                "function " + described.name() + " was throttled: the account's or its own concurrency limit was reached");
    }

    void deadLetters(Construct scope, ichibyo.app.Queue source, Queue dlq) {
        String name = source.deadLetter().queue();
        alarm(scope, name + "-not-empty", dlq.metricApproximateNumberOfMessagesVisible(five("Maximum")), 0,
                "Messages of " + source.name() + " failed " + source.deadLetter().maxReceiveCount()
                        + " times and wait in " + name + ": read them, fix the cause, redrive.");
        alarm(scope, name + "-oldest-message", dlq.metricApproximateAgeOfOldestMessage(five("Maximum")),
                DEAD_LETTER_OLDEST_DAYS * 86_400,
                "A message has waited in " + name + " for more than " + DEAD_LETTER_OLDEST_DAYS
                        + " days: redrive or drop it before the queue's retention does.");
    }

    /** The dead-letter queue of an event rule's target: any event in it is an alert that did not reach its topic. */
    void ruleDeadLetters(Construct scope, String rule, Queue dlq) {
        alarm(scope, rule + "-dlq-not-empty", dlq.metricApproximateNumberOfMessagesVisible(five("Maximum")), 0,
                "Events of rule " + rule + " could not be delivered to its target after EventBridge's retries and wait in its "
                        + "dead-letter queue: read them (they are alerts nobody got), fix the target, send them again.");
    }

    void api(HttpApi api) {
        sum(stack, "api-5xx", api.metricServerError(five("Sum")),
                "The HTTP API answered with 5xx: a function failed or timed out behind a route (see the API's access log)");
    }

    void stateMachine(Construct scope, ichibyo.app.StateMachine described, StateMachine machine, String definition) {
        String name = described.name();
        sum(scope, name + "-failed", machine.metricFailed(five("Sum")), "executions of " + name + " failed");
        sum(scope, name + "-timed-out", machine.metricTimedOut(five("Sum")), "executions of " + name + " timed out");
        List<String> labels = new ArrayList<>();
        Matcher m = LABEL.matcher(definition);
        while (m.find()) {
            labels.add(m.group(1));
        }
        mapLabels.put(name, labels);
        for (String label : labels) {
            Alarm alarm = Alarm.Builder.create(scope, name + "-" + label + "-map-run-failures")
                    .alarmDescription("More than " + MAP_RUN_FAILURE_PERCENT + " % of the child executions of " + name
                            + "'s map " + label + " failed, timed out or were aborted: see the Map Run in the console")
                    .metric(mapRunFailurePercent(machine, name, label, Duration.minutes(15)))
                    .threshold(MAP_RUN_FAILURE_PERCENT).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                    .evaluationPeriods(1).treatMissingData(TreatMissingData.NOT_BREACHING).build();
            alarm.addAlarmAction(new SnsAction(topic));
            alarms.add(alarm);
        }
    }

    /**
     * Child executions of a Distributed Map report their metrics under the parent's ARN and the map's label
     * ({@code …:stateMachine:NAME/LABEL}).
     */
    Metric childMetric(StateMachine machine, String name, String label, String metricName, String statistic, Duration period) {
        String arn = stack.formatArn(ArnComponents.builder().service("states").resource("stateMachine")
                // The state machine's fixed name (Resources.stateMachineName), not a reference to it.
                .resourceName(stack.getStackName() + "-" + name + "/" + label).arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
        return Metric.Builder.create().namespace("AWS/States").metricName(metricName)
                .dimensionsMap(Map.of("StateMachineArn", arn)).statistic(statistic).period(period)
                .label(name + "/" + label + " " + metricName).build();
    }

    private MathExpression mapRunFailurePercent(StateMachine machine, String name, String label, Duration period) {
        return MathExpression.Builder.create()
                .expression("IF(started > 0, 100 * (FILL(failed, 0) + FILL(timedOut, 0) + FILL(aborted, 0)) / started, 0)")
                .usingMetrics(Map.of(
                        "started", childMetric(machine, name, label, "ExecutionsStarted", "Sum", period),
                        "failed", childMetric(machine, name, label, "ExecutionsFailed", "Sum", period),
                        "timedOut", childMetric(machine, name, label, "ExecutionsTimedOut", "Sum", period),
                        "aborted", childMetric(machine, name, label, "ExecutionsAborted", "Sum", period)))
                .period(period).label(name + "/" + label + " failed %").build();
    }

    /**
     * The delivery run's dashboard, when the app has one: movies delivered per minute (the functions' EMF metric
     * {@code MoviesDelivered}, summed over every dimension), failures (families recorded as failed, failed child
     * executions, step errors), render duration percentiles (the render-movie function's, and the EMF
     * {@code RenderSeconds} of Lambda and Fargate renders), the runs themselves and every alarm.
     */
    void dashboard(AppDescription app, Resources resources) {
        StateMachine run = resources.stateMachines.get(Ichibyo.DELIVERY_RUN);
        if (run == null) {
            return;
        }
        Duration minute = Duration.minutes(1);
        Dashboard dashboard = Dashboard.Builder.create(stack, "delivery-dashboard")
                .dashboardName(stack.getStackName() + "-delivery").build();
        dashboard.addWidgets(TextWidget.Builder.create().width(24).height(2).markdown(
                "# ichibyo delivery runs\nA run starts from a schedule (`delivery-quarterly`, …); follow it in the Step Functions "
                        + "console (`" + run.getStateMachineName() + "`). Movies appear per minute as families finish.").build());

        MathExpression delivered = MathExpression.Builder.create()
                .expression("SELECT SUM(MoviesDelivered) FROM " + NAMESPACE)
                .period(minute).label("movies delivered").build();
        dashboard.addWidgets(graph("Movies delivered per minute", List.of(delivered), 12));

        List<IMetric> failures = new ArrayList<>();
        Function recordFailure = function(resources, "record-failure");
        if (recordFailure != null) {
            failures.add(recordFailure.metricInvocations(MetricOptions.builder().period(minute).statistic("Sum")
                    .label("families failed (record-failure)").build()));
        }
        for (String label : mapLabels.getOrDefault(Ichibyo.DELIVERY_RUN, List.of())) {
            failures.add(childMetric(run, Ichibyo.DELIVERY_RUN, label, "ExecutionsFailed", "Sum", minute));
        }
        for (ichibyo.app.Function f : app.functions()) {
            boolean step = app.stateMachine(Ichibyo.DELIVERY_RUN).orElseThrow().access()
                    .contains(ichibyo.app.Access.invoke(f.name()));
            if (step) {
                failures.add(function(resources, f.name()).metricErrors(MetricOptions.builder().period(minute).statistic("Sum")
                        .label(f.name() + " errors").build()));
            }
        }
        dashboard.addWidgets(graph("Failures per minute", failures, 12));

        List<IMetric> render = new ArrayList<>();
        Function renderMovie = function(resources, "render-movie");
        if (renderMovie != null) {
            for (String p : List.of("p50", "p90", "p99")) {
                render.add(renderMovie.metricDuration(MetricOptions.builder().period(minute).statistic(p)
                        .label("render-movie duration " + p).build()));
            }
        }
        for (String p : List.of("p50", "p90", "p99")) {
            render.add(MathExpression.Builder.create()
                    .expression("SEARCH('{" + NAMESPACE + "} MetricName=\"RenderSeconds\"', '" + p + "', 60)")
                    .period(minute).label("RenderSeconds " + p).build());
        }
        dashboard.addWidgets(graph("Render duration (percentiles)", render, 12));

        List<IMetric> runs = new ArrayList<>(List.of(
                run.metricStarted(MetricOptions.builder().period(minute).statistic("Sum").label("runs started").build()),
                run.metricSucceeded(MetricOptions.builder().period(minute).statistic("Sum").label("runs succeeded").build()),
                run.metricFailed(MetricOptions.builder().period(minute).statistic("Sum").label("runs failed").build())));
        for (String label : mapLabels.getOrDefault(Ichibyo.DELIVERY_RUN, List.of())) {
            runs.add(childMetric(run, Ichibyo.DELIVERY_RUN, label, "ExecutionsStarted", "Sum", minute));
            runs.add(childMetric(run, Ichibyo.DELIVERY_RUN, label, "ExecutionsSucceeded", "Sum", minute));
        }
        dashboard.addWidgets(graph("Runs and their child executions", runs, 12));
        dashboard.addWidgets(software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget.Builder.create()
                .title("Alarms").width(24).alarms(List.copyOf(alarms)).build());
    }

    private static Function function(Resources resources, String name) {
        // Not the live alias of a SnapStart function: the function's metrics (by FunctionName) count every version.
        return resources.lambdas.get(name);
    }

    private static GraphWidget graph(String title, List<? extends IMetric> metrics, int width) {
        return GraphWidget.Builder.create().title(title).width(width).height(6).left(List.copyOf(metrics)).build();
    }

    private static MetricOptions five(String statistic) {
        return MetricOptions.builder().period(FIVE_MINUTES).statistic(statistic).build();
    }

    /** Any occurrence in 5 minutes. */
    private void sum(Construct scope, String id, IMetric metric, String description) {
        alarm(scope, id, metric, 0, description);
    }

    private void alarm(Construct scope, String id, IMetric metric, double threshold, String description) {
        Alarm alarm = Alarm.Builder.create(scope, id).alarmDescription(description).metric(metric)
                .threshold(threshold).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1).treatMissingData(TreatMissingData.NOT_BREACHING).build();
        alarm.addAlarmAction(new SnsAction(topic));
        alarms.add(alarm);
    }
}
