package ichibyo.local.sfn.integration.ecs;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Fargate task definition as the emulator runs it: its one essential container becomes a child process.
 *
 * @param family        the family, e.g. {@code render}
 * @param revision      the revision (1 and up)
 * @param containerName the container's name (what {@code ContainerOverrides[].Name} refers to)
 * @param command       the container's command, e.g. {@code [java, -cp, ..., ichibyo.tasks.Render]}
 * @param environment   the container's environment
 * @param workingDir    the working directory of the process, or null for the emulator's
 * @param cpu           the task's CPU units as ECS reports them (e.g. {@code 1024})
 * @param memory        the task's memory in MiB as ECS reports it (e.g. {@code 2048})
 */
public record EcsTaskDefinition(String family, int revision, String containerName, List<String> command,
        Map<String, String> environment, Path workingDir, String cpu, String memory) {

    public EcsTaskDefinition {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(containerName, "containerName");
        command = List.copyOf(command);
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        revision = Math.max(1, revision);
        cpu = cpu == null ? "1024" : cpu;
        memory = memory == null ? "2048" : memory;
    }

    /** Revision 1 of {@code family}, one container of the same name, 1 vCPU and 2 GiB. */
    public static EcsTaskDefinition of(String family, List<String> command, Map<String, String> environment) {
        return new EcsTaskDefinition(family, 1, family, command, environment, null, null, null);
    }

    public EcsTaskDefinition withRevision(int newRevision) {
        return new EcsTaskDefinition(family, newRevision, containerName, command, environment, workingDir, cpu, memory);
    }

    public EcsTaskDefinition withWorkingDir(Path dir) {
        return new EcsTaskDefinition(family, revision, containerName, command, environment, dir, cpu, memory);
    }

    public EcsTaskDefinition withContainerName(String name) {
        return new EcsTaskDefinition(family, revision, name, command, environment, workingDir, cpu, memory);
    }

    public String arn(String region, String accountId) {
        return "arn:aws:ecs:" + region + ":" + accountId + ":task-definition/" + family + ":" + revision;
    }
}
