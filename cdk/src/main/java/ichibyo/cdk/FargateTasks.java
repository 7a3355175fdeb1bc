package ichibyo.cdk;

import ichibyo.app.FargateTask;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.IgnoreMode;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecr.assets.Platform;
import software.amazon.awscdk.services.ecs.AssetImageProps;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LogDrivers;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The app's Fargate tasks: one network and one cluster for all, a task definition each.
 *
 * <ul>
 *   <li>A VPC of two public subnets (two AZs) with no NAT gateway, and a free S3 gateway endpoint: nothing costs
 *       money while no task runs. Tasks get a public IP (to reach ECR, Step Functions, logs) and a security
 *       group with no ingress.</li>
 *   <li>One ECS cluster with the FARGATE and FARGATE_SPOT capacity providers; state machines pick one per run
 *       ({@code Ref.capacityProvider}).</li>
 *   <li>Per task: CPU architecture, CPU, memory and disk as described; one container from the image built of
 *       {@code tasks/} (staged at synth, built by Docker only at deploy), its command, its environment; logs
 *       kept a month. The task role may do what the task's access list says, as a function's.</li>
 *   <li>Container Insights on the cluster, the VPC's rejected traffic in a flow log.</li>
 * </ul>
 */
final class FargateTasks {

    private FargateTasks() {}

    static void build(Construct scope, List<FargateTask> tasks, Resources resources, Artifacts artifacts) {
        Vpc vpc = Vpc.Builder.create(scope, "vpc")
                .maxAzs(2)
                .natGateways(0)
                .subnetConfiguration(List.of(SubnetConfiguration.builder().name("tasks").subnetType(SubnetType.PUBLIC)
                        .cidrMask(24).mapPublicIpOnLaunch(false).build()))
                .build();
        // Rejected traffic only: what a reviewer looks for (a task has no ingress), at a cost near nothing.
        vpc.addFlowLog("rejected", FlowLogOptions.builder()
                .destination(FlowLogDestination.toCloudWatchLogs(LogGroup.Builder.create(scope, "vpc-flow-logs")
                        .retention(RetentionDays.ONE_MONTH).removalPolicy(RemovalPolicy.DESTROY).build()))
                .trafficType(FlowLogTrafficType.REJECT).build());
        vpc.addGatewayEndpoint("s3", software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions.builder()
                .service(GatewayVpcEndpointAwsService.S3).build());
        SecurityGroup group = SecurityGroup.Builder.create(scope, "task-security-group").vpc(vpc)
                .description("ichibyo tasks: outbound only").allowAllOutbound(true).build();
        Cluster cluster = Cluster.Builder.create(scope, "cluster").vpc(vpc).enableFargateCapacityProviders(true)
                .containerInsightsV2(ContainerInsights.ENABLED).build();
        resources.vpc = vpc;
        resources.taskSecurityGroup = group;
        resources.cluster = cluster;

        Map<FargateTask.CpuArchitecture, ContainerImage> images = new EnumMap<>(FargateTask.CpuArchitecture.class);
        for (FargateTask t : tasks) {
            ContainerImage image = images.computeIfAbsent(t.cpuArchitecture(), arch -> image(artifacts, arch));
            FargateTaskDefinition definition = FargateTaskDefinition.Builder.create(scope, t.name())
                    .cpu(t.cpu())
                    .memoryLimitMiB(t.memoryMb())
                    .runtimePlatform(RuntimePlatform.builder()
                            .cpuArchitecture(t.cpuArchitecture() == FargateTask.CpuArchitecture.ARM64 ? CpuArchitecture.ARM64 : CpuArchitecture.X86_64)
                            .operatingSystemFamily(OperatingSystemFamily.LINUX).build())
                    .ephemeralStorageGiB(t.ephemeralStorageGib() > FargateTask.DEFAULT_EPHEMERAL_STORAGE_GIB ? t.ephemeralStorageGib() : null)
                    .build();
            Map<String, String> environment = new LinkedHashMap<>();
            t.environment().forEach((k, ref) -> environment.put(k, resources.token(ref)));
            LogGroup logs = LogGroup.Builder.create(scope, t.name() + "-logs")
                    .retention(RetentionDays.ONE_MONTH).removalPolicy(RemovalPolicy.DESTROY).build();
            definition.addContainer(t.containerName(), ContainerDefinitionOptions.builder()
                    .image(image)
                    .command(t.containerCommand().isEmpty() ? null : t.containerCommand())
                    .environment(environment)
                    .essential(true)
                    .logging(LogDrivers.awsLogs(AwsLogDriverProps.builder().logGroup(logs).streamPrefix(t.name()).build()))
                    .build());
            t.access().forEach(a -> resources.grant(a, definition.getTaskRole()));
            resources.tasks.put(t.name(), definition);
            resources.taskDescriptions.put(t.name(), t);
            CfnOutput.Builder.create(scope, "task-" + t.name()).value(definition.getTaskDefinitionArn()).build();
        }
        CfnOutput.Builder.create(scope, "TaskCluster").value(cluster.getClusterArn()).build();
    }

    /**
     * The tasks image for one architecture: {@code tasks/} with only what its Dockerfile copies (the jar, that
     * architecture's FFmpeg layer: its binaries and the HEIC decoder), so the staged asset and its hash change only when they do.
     */
    private static ContainerImage image(Artifacts artifacts, FargateTask.CpuArchitecture arch) {
        artifacts.requireTaskImage(arch);
        String ffmpegArch = Artifacts.ffmpegArch(arch);
        return ContainerImage.fromAsset(artifacts.tasksContext().toString(), AssetImageProps.builder()
                .platform(arch == FargateTask.CpuArchitecture.ARM64 ? Platform.LINUX_ARM64 : Platform.LINUX_AMD64)
                .buildArgs(Map.of("FFMPEG_ARCH", ffmpegArch))
                .ignoreMode(IgnoreMode.DOCKER)
                .exclude(List.of("*", "!Dockerfile", "!target", "target/*", "!target/ichibyo-tasks.jar",
                        "!target/ffmpeg", "target/ffmpeg/*", "!target/ffmpeg/" + ffmpegArch))
                .build());
    }
}
