package ichibyo.app;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/** Every resource of the app, described once. The CDK app and the local runtime both read this. */
public record AppDescription(
        List<Bucket> buckets,
        List<Table> tables,
        List<Queue> queues,
        List<ObjectCreatedNotification> notifications,
        List<StateMachine> stateMachines,
        List<Function> functions,
        List<FargateTask> tasks,
        List<Schedule> schedules,
        List<EventBus> eventBuses,
        List<Topic> topics,
        List<EventRule> eventRules) {

    public AppDescription {
        buckets = List.copyOf(buckets);
        tables = List.copyOf(tables);
        queues = List.copyOf(queues);
        notifications = List.copyOf(notifications);
        stateMachines = List.copyOf(stateMachines);
        functions = List.copyOf(functions);
        tasks = List.copyOf(tasks);
        schedules = List.copyOf(schedules);
        eventBuses = List.copyOf(eventBuses);
        topics = List.copyOf(topics);
        eventRules = List.copyOf(eventRules);
    }

    /** A description without topics or event rules. */
    public AppDescription(List<Bucket> buckets, List<Table> tables, List<Queue> queues, List<ObjectCreatedNotification> notifications,
            List<StateMachine> stateMachines, List<Function> functions, List<FargateTask> tasks, List<Schedule> schedules,
            List<EventBus> eventBuses) {
        this(buckets, tables, queues, notifications, stateMachines, functions, tasks, schedules, eventBuses, List.of(), List.of());
    }

    /** An empty description to add resources to, each kind by its name. */
    public static Builder builder() {
        return new Builder();
    }

    /** A description built resource by resource: {@code builder().bucket(..).table(..).function(..).build()}. */
    public static final class Builder {
        private final List<Bucket> buckets = new ArrayList<>();
        private final List<Table> tables = new ArrayList<>();
        private final List<Queue> queues = new ArrayList<>();
        private final List<ObjectCreatedNotification> notifications = new ArrayList<>();
        private final List<StateMachine> stateMachines = new ArrayList<>();
        private final List<Function> functions = new ArrayList<>();
        private final List<FargateTask> tasks = new ArrayList<>();
        private final List<Schedule> schedules = new ArrayList<>();
        private final List<EventBus> eventBuses = new ArrayList<>();
        private final List<Topic> topics = new ArrayList<>();
        private final List<EventRule> eventRules = new ArrayList<>();

        private Builder() {}

        public Builder bucket(Bucket bucket) {
            buckets.add(bucket);
            return this;
        }

        public Builder table(Table table) {
            tables.add(table);
            return this;
        }

        public Builder queue(Queue queue) {
            queues.add(queue);
            return this;
        }

        public Builder notification(ObjectCreatedNotification notification) {
            notifications.add(notification);
            return this;
        }

        public Builder stateMachine(StateMachine stateMachine) {
            stateMachines.add(stateMachine);
            return this;
        }

        public Builder function(Function function) {
            functions.add(function);
            return this;
        }

        public Builder task(FargateTask task) {
            tasks.add(task);
            return this;
        }

        public Builder schedule(Schedule schedule) {
            schedules.add(schedule);
            return this;
        }

        public Builder eventBus(EventBus eventBus) {
            eventBuses.add(eventBus);
            return this;
        }

        public Builder topic(Topic topic) {
            topics.add(topic);
            return this;
        }

        public Builder eventRule(EventRule rule) {
            eventRules.add(rule);
            return this;
        }

        public AppDescription build() {
            return new AppDescription(buckets, tables, queues, notifications, stateMachines, functions, tasks, schedules, eventBuses,
                    topics, eventRules);
        }
    }

    /**
     * What is wrong with the description: references to resources it does not describe, duplicate
     * names. Empty when both the CDK app and the local runtime can be built from it.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        duplicates("bucket", buckets.stream().map(Bucket::name).toList(), problems);
        buckets.stream().filter(b -> !b.name().matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]"))
                .forEach(b -> problems.add("bucket name " + b.name() + " is not a valid S3 bucket name"));
        duplicates("table", tables.stream().map(Table::name).toList(), problems);
        duplicates("queue", queues.stream().map(Queue::name).toList(), problems);
        duplicates("state machine", stateMachines.stream().map(StateMachine::name).toList(), problems);
        duplicates("function", functions.stream().map(Function::name).toList(), problems);
        duplicates("task", tasks.stream().map(FargateTask::name).toList(), problems);
        duplicates("schedule", schedules.stream().map(Schedule::name).toList(), problems);
        duplicates("event bus", eventBuses.stream().map(EventBus::name).toList(), problems);
        duplicates("topic", topics.stream().map(Topic::name).toList(), problems);
        duplicates("event rule", eventRules.stream().map(EventRule::name).toList(), problems);
        for (EventRule r : eventRules) {
            need("event rule " + r.name(), "event bus", r.bus(), problems);
            need("event rule " + r.name(), "topic", r.topic(), problems);
        }
        for (Queue q : queues) {
            if (q.deadLetter() != null) {
                need("queue " + q.name() + " dead-letter queue", "queue", q.deadLetter().queue(), problems);
            }
        }
        for (ObjectCreatedNotification n : notifications) {
            need("notification " + n, "bucket", n.bucket(), problems);
            need("notification " + n, "queue", n.queue(), problems);
        }
        duplicates("HTTP route", functions.stream().flatMap(f -> f.httpRoutes().stream()).map(Function.HttpRoute::key).toList(),
                problems);
        for (Function f : functions) {
            f.eventSources().forEach(e -> need("function " + f.name() + " event source", "queue", e.queue(), problems));
            f.environment().forEach((k, v) -> need("function " + f.name() + " variable " + k, v, problems));
        }
        for (StateMachine m : stateMachines) {
            m.substitutions().forEach((k, v) -> need("state machine " + m.name() + " substitution " + k, v, problems));
        }
        for (FargateTask t : tasks) {
            t.environment().forEach((k, v) -> need("task " + t.name() + " variable " + k, v, problems));
        }
        for (Schedule s : schedules) {
            need("schedule " + s.name(), "state machine", s.stateMachine(), problems);
        }
        return problems;
    }

    /**
     * Where a function's, state machine's or task's {@link Access} list and what it names disagree: a resource
     * its environment (or substitutions, or event sources) names with no access to it (it would be denied on
     * AWS), access to a resource it does not name (nobody uses it), access to what is not described, an index the
     * table does not have. Empty when the CDK app can grant exactly what each one does; the CDK app refuses
     * to build otherwise (the local runtime enforces no access and does not ask).
     */
    public List<String> accessProblems() {
        List<String> problems = new ArrayList<>();
        for (Function f : functions) {
            Set<String> named = named(f.environment().values());
            f.eventSources().forEach(e -> named.add("queue:" + e.queue()));
            check("function " + f.name(), named, f.access(), problems);
            f.eventSources().stream().filter(e -> !f.access().contains(Access.consume(e.queue())))
                    .forEach(e -> problems.add("function " + f.name() + " polls queue " + e.queue() + " but may not consume it"));
        }
        for (StateMachine m : stateMachines) {
            check("state machine " + m.name(), named(m.substitutions().values()), m.access(), problems);
        }
        for (FargateTask t : tasks) {
            check("task " + t.name(), named(t.environment().values()), t.access(), problems);
        }
        return problems;
    }

    private void check(String who, Set<String> named, List<Access> access, List<String> problems) {
        Set<String> granted = new HashSet<>();
        for (Access a : access) {
            granted.add(a.resource());
            String kind = a.resource().substring(0, a.resource().indexOf(':'));
            String name = a.resource().substring(kind.length() + 1);
            need(who + " access", kind, name, problems);
            if (!named.contains(a.resource())) {
                problems.add(who + " has access to " + kind + " " + name + ", which nothing it is given names");
            }
            if (a instanceof Access.ReadItems r) {
                tables.stream().filter(t -> t.name().equals(r.table())).findFirst().ifPresent(t -> r.indexes().stream()
                        .filter(i -> t.indexes().stream().noneMatch(g -> g.name().equals(i)))
                        .forEach(i -> problems.add(who + " reads index " + i + ", which table " + r.table() + " does not have")));
            }
        }
        named.stream().filter(n -> !granted.contains(n)).sorted().forEach(n ->
                problems.add(who + " names " + n.replaceFirst(":", " ") + " but has no access to it"));
    }

    /** The resources references name, as {@link Access#resource()} writes them; names of the task network aside. */
    private static Set<String> named(java.util.Collection<Ref> refs) {
        Set<String> named = new HashSet<>();
        for (Ref ref : refs) {
            String resource = switch (ref) {
                case Ref.BucketName b -> "bucket:" + b.bucket();
                case Ref.TableName t -> "table:" + t.table();
                case Ref.QueueUrl q -> "queue:" + q.queue();
                case Ref.FunctionArn f -> "function:" + f.function();
                case Ref.StateMachineArn m -> "state machine:" + m.stateMachine();
                case Ref.TaskDefinitionArn t -> "task:" + t.task();
                case Ref.EventBusName b -> "event bus:" + b.bus();
                case Ref.Literal l -> null;
                case Ref.ClusterArn c -> null;
                case Ref.TaskSubnets s -> null;
                case Ref.TaskSecurityGroup g -> null;
                case Ref.CapacityProvider p -> null;
            };
            if (resource != null) {
                named.add(resource);
            }
        }
        return named;
    }

    private static void duplicates(String kind, List<String> names, List<String> problems) {
        Set<String> seen = new HashSet<>();
        names.stream().filter(n -> !seen.add(n)).forEach(n -> problems.add("two " + kind + "s named " + n));
    }

    private void need(String where, Ref ref, List<String> problems) {
        ref.resolve(new Ref.Resolver<Void>() {
            public Void literal(String value) { return null; }
            public Void bucketName(String b) { need(where, "bucket", b, problems); return null; }
            public Void tableName(String t) { need(where, "table", t, problems); return null; }
            public Void queueUrl(String q) { need(where, "queue", q, problems); return null; }
            public Void functionArn(String f) { need(where, "function", f, problems); return null; }
            public Void stateMachineArn(String m) { need(where, "state machine", m, problems); return null; }
            public Void taskDefinitionArn(String t) { need(where, "task", t, problems); return null; }
            public Void eventBusName(String b) { need(where, "event bus", b, problems); return null; }
            public Void clusterArn() { needCluster(where, problems); return null; }
            public Void taskSubnets() { needCluster(where, problems); return null; }
            public Void taskSecurityGroup() { needCluster(where, problems); return null; }
            public Void capacityProvider(String t) { need(where, "task", t, problems); return null; }
        });
    }

    /** The cluster, its subnets and security group exist when there is a task to run. */
    private void needCluster(String where, List<String> problems) {
        if (tasks.isEmpty()) {
            problems.add(where + " refers to the task cluster, but the app describes no Fargate task");
        }
    }

    private void need(String where, String kind, String name, List<String> problems) {
        boolean found = switch (kind) {
            case "bucket" -> buckets.stream().anyMatch(b -> b.name().equals(name));
            case "table" -> tables.stream().anyMatch(t -> t.name().equals(name));
            case "queue" -> queues.stream().anyMatch(q -> q.name().equals(name));
            case "function" -> functions.stream().anyMatch(f -> f.name().equals(name));
            case "state machine" -> stateMachines.stream().anyMatch(m -> m.name().equals(name));
            case "task" -> tasks.stream().anyMatch(t -> t.name().equals(name));
            case "event bus" -> eventBuses.stream().anyMatch(b -> b.name().equals(name));
            case "topic" -> topics.stream().anyMatch(t -> t.name().equals(name));
            default -> throw new IllegalArgumentException(kind);
        };
        if (!found) {
            problems.add(where + " refers to " + kind + " " + name + ", which is not described");
        }
    }

    public Optional<Function> function(String name) {
        return functions.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public Optional<Queue> queue(String name) {
        return queues.stream().filter(q -> q.name().equals(name)).findFirst();
    }

    public Optional<StateMachine> stateMachine(String name) {
        return stateMachines.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public Optional<FargateTask> task(String name) {
        return tasks.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<Schedule> schedule(String name) {
        return schedules.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
