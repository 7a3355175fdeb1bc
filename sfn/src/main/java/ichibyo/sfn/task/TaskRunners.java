package ichibyo.sfn.task;

import java.util.Optional;

/**
 * Finds the runner for a service, e.g. {@code lambda}, {@code ecs}, {@code s3}, {@code aws-sdk:dynamodb}.
 * A resource with no runner fails the way AWS fails an unknown resource.
 */
public interface TaskRunners {
    Optional<TaskRunner> forService(String service);
}
