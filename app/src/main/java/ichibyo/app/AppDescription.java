package ichibyo.app;

import java.util.List;
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
        List<EventBus> eventBuses) {

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

    public Optional<Schedule> schedule(String name) {
        return schedules.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
