package ichibyo.app;

import java.util.List;
import java.util.Map;

/**
 * A Fargate task definition with one container; locally a child process runs {@code command}.
 *
 * @param command             locally: the child process's command, run from the repository root
 *                            (e.g. {@code [scripts/run-task, render]})
 * @param environment         the container's variables; references resolve to physical names (what the task may do
 *                            with them is its {@code access})
 * @param cpu                 CPU units (1024 = 1 vCPU), one of the values Fargate allows
 * @param memoryMb            memory in MiB, a value Fargate allows with {@code cpu}
 * @param containerName       the one container's name: what {@code ContainerOverrides[].Name} refers to
 * @param containerCommand    on AWS: the container's command, the arguments after the image's ENTRYPOINT
 *                            ({@code java -jar ichibyo-tasks.jar}), e.g. {@code [render]}; empty for the image's own
 * @param cpuArchitecture     the image's and the task's CPU architecture
 * @param spot                whether the task may run on Fargate Spot (it must then survive a SIGTERM and a rerun:
 *                            {@link Ref#capacityProvider} gives state machines the provider to ask for)
 * @param ephemeralStorageGib the task's disk, 20 (Fargate's default) to 200 GiB; ignored locally
 * @param access              what the task does with the app's other resources ({@link Access}): exactly what its
 *                            task role may do on AWS; its environment names these resources
 */
public record FargateTask(String name, List<String> command, Map<String, Ref> environment, int cpu, int memoryMb,
        String containerName, List<String> containerCommand, CpuArchitecture cpuArchitecture, boolean spot,
        int ephemeralStorageGib, List<Access> access) {

    /** Fargate's default disk, and the least it allows. */
    public static final int DEFAULT_EPHEMERAL_STORAGE_GIB = 20;

    public enum CpuArchitecture { ARM64, X86_64 }

    public FargateTask {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        containerCommand = List.copyOf(containerCommand);
        access = List.copyOf(access);
        if (containerName == null || !containerName.matches("[A-Za-z0-9_-]{1,255}")) {
            throw new IllegalArgumentException("task " + name + ": container name must be 1–255 letters, digits, - or _, not " + containerName);
        }
        if (ephemeralStorageGib < DEFAULT_EPHEMERAL_STORAGE_GIB || ephemeralStorageGib > 200) {
            throw new IllegalArgumentException("task " + name + ": ephemeral storage must be 20–200 GiB, not " + ephemeralStorageGib);
        }
    }

    /** A task that may use nothing ({@link #withAccess}). */
    public FargateTask(String name, List<String> command, Map<String, Ref> environment, int cpu, int memoryMb,
            String containerName, List<String> containerCommand, CpuArchitecture cpuArchitecture, boolean spot,
            int ephemeralStorageGib) {
        this(name, command, environment, cpu, memoryMb, containerName, containerCommand, cpuArchitecture, spot, ephemeralStorageGib, List.of());
    }

    /** A task whose container is named after it, on ARM64, not on Spot, with the default disk and the image's command. */
    public FargateTask(String name, List<String> command, Map<String, Ref> environment, int cpu, int memoryMb) {
        this(name, command, environment, cpu, memoryMb, name, List.of(), CpuArchitecture.ARM64, false, DEFAULT_EPHEMERAL_STORAGE_GIB);
    }

    /**
     * A task of {@code ichibyo.tasks.TaskMain}, which takes the task's name as its argument: locally
     * {@code scripts/run-task NAME} (any JDK >= 21), on AWS the tasks image with command {@code [NAME]}.
     */
    public static FargateTask taskMain(String name, Map<String, Ref> environment, int cpu, int memoryMb) {
        return new FargateTask(name, List.of("scripts/run-task", name), environment, cpu, memoryMb)
                .withContainerCommand(List.of(name));
    }

    public FargateTask withContainerName(String newName) {
        return new FargateTask(name, command, environment, cpu, memoryMb, newName, containerCommand, cpuArchitecture, spot, ephemeralStorageGib, access);
    }

    public FargateTask withContainerCommand(List<String> newCommand) {
        return new FargateTask(name, command, environment, cpu, memoryMb, containerName, newCommand, cpuArchitecture, spot, ephemeralStorageGib, access);
    }

    public FargateTask withCpuArchitecture(CpuArchitecture architecture) {
        return new FargateTask(name, command, environment, cpu, memoryMb, containerName, containerCommand, architecture, spot, ephemeralStorageGib, access);
    }

    /** May run on Fargate Spot: interrupted with a SIGTERM two minutes ahead, then rerun by its state machine. */
    public FargateTask withSpot(boolean allowed) {
        return new FargateTask(name, command, environment, cpu, memoryMb, containerName, containerCommand, cpuArchitecture, allowed, ephemeralStorageGib, access);
    }

    public FargateTask withEphemeralStorage(int gib) {
        return new FargateTask(name, command, environment, cpu, memoryMb, containerName, containerCommand, cpuArchitecture, spot, gib, access);
    }

    /** Adds to what the task does with other resources. */
    public FargateTask withAccess(Access... more) {
        List<Access> all = new java.util.ArrayList<>(access);
        all.addAll(List.of(more));
        return new FargateTask(name, command, environment, cpu, memoryMb, containerName, containerCommand, cpuArchitecture, spot,
                ephemeralStorageGib, all);
    }

    /** The capacity provider it asks for: {@code FARGATE_SPOT} when Spot is allowed, else {@code FARGATE}. */
    public String capacityProvider() {
        return spot ? "FARGATE_SPOT" : "FARGATE";
    }
}
