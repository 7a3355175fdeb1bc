package ichibyo.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FargateTaskTest {

    private static AppDescription app(List<FargateTask> tasks, Map<String, Ref> substitutions) {
        return new AppDescription(List.of(Bucket.of("media")), List.of(), List.of(), List.of(),
                List.of(new StateMachine("render", "statemachines/render.asl.json", StateMachine.Type.STANDARD, substitutions)),
                List.of(), tasks, List.of(), List.of());
    }

    @Test
    void taskMain_runsTheScriptLocally_andNamesTheTaskAsTheContainersCommand() {
        FargateTask render = FargateTask.taskMain("render", Map.of("MEDIA_BUCKET", Ref.bucketName("media")), 2048, 4096);

        assertThat(render.command()).containsExactly("scripts/run-task", "render");
        assertThat(render.containerCommand()).containsExactly("render");
        assertThat(render.containerName()).isEqualTo("render");
        assertThat(render.cpuArchitecture()).isEqualTo(FargateTask.CpuArchitecture.ARM64);
        assertThat(render.capacityProvider()).isEqualTo("FARGATE");
        assertThat(render.withSpot(true).capacityProvider()).isEqualTo("FARGATE_SPOT");
        assertThat(render.ephemeralStorageGib()).isEqualTo(20);
    }

    @Test
    void clusterRefs_needATask_andCapacityProviderNamesOne() {
        Map<String, Ref> refs = Map.of("Cluster", Ref.clusterArn(), "Subnets", Ref.taskSubnets(),
                "SecurityGroup", Ref.taskSecurityGroup(), "Capacity", Ref.capacityProvider("render"));

        assertThat(app(List.of(), refs).problems()).hasSize(4)
                .anyMatch(p -> p.contains("substitution Cluster refers to the task cluster, but the app describes no Fargate task"))
                .anyMatch(p -> p.contains("substitution Capacity refers to task render, which is not described"));
        assertThat(app(List.of(FargateTask.taskMain("render", Map.of(), 1024, 2048)), refs).problems()).isEmpty();
    }

    @Test
    void badDiskOrContainerName_isRefusedByName() {
        FargateTask task = FargateTask.taskMain("render", Map.of(), 1024, 2048);
        assertThatThrownBy(() -> task.withEphemeralStorage(201)).hasMessageContaining("task render: ephemeral storage must be 20–200 GiB");
        assertThatThrownBy(() -> task.withContainerName("no spaces")).hasMessageContaining("container name");
    }
}
