package ichibyo.app;

import java.util.List;
import java.util.Map;

/** A Fargate task definition with one container; locally a child process runs {@code command}. */
public record FargateTask(String name, List<String> command, Map<String, Ref> environment, int cpu, int memoryMb) {
    public FargateTask {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }
}
