package dev.llmtwin.ops;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ecs.AuthorizationConfig;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.CloudMapOptions;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.EfsVolumeConfiguration;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.LogDrivers;
import software.amazon.awscdk.services.ecs.MountPoint;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.ecs.Volume;
import software.amazon.awscdk.services.efs.AccessPoint;
import software.amazon.awscdk.services.efs.AccessPointOptions;
import software.amazon.awscdk.services.efs.Acl;
import software.amazon.awscdk.services.efs.FileSystem;
import software.amazon.awscdk.services.efs.PerformanceMode;
import software.amazon.awscdk.services.efs.PosixUser;
import software.amazon.awscdk.services.efs.ThroughputMode;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * Qdrant as one Fargate task, its storage on an encrypted EFS file system, found as
 * {@code qdrant.twin.internal} and reached on its gRPC port with an API key.
 * <p>
 * Qdrant's documentation says it needs block storage and does not work on network file
 * systems such as NFS, which EFS is: this is the no-extra-vendor option, and README.md
 * says why an external Qdrant ({@code -c qdrantHost=...}) is the safer one. One task at a
 * time ({@code maxHealthyPercent} 100) so that two never write the same files.
 */
final class QdrantService extends Construct {

	static final String NAME = "qdrant";

	static final int GRPC_PORT = 6334;

	static final int HTTP_PORT = 6333;

	private final FargateService service;

	QdrantService(Construct scope, String id, Network network, TwinSettings settings, ISecret apiKey) {
		super(scope, id);
		FileSystem storage = FileSystem.Builder.create(this, "Storage")
			.vpc(network.vpc())
			.vpcSubnets(network.privateSubnets())
			.encrypted(true)
			.allowAnonymousAccess(false)
			.performanceMode(PerformanceMode.GENERAL_PURPOSE)
			.throughputMode(ThroughputMode.ELASTIC)
			// The vectors are derived data (a CDC snapshot embeds everything again), but
			// that takes the model's time: a deleted stack leaves the file system.
			.removalPolicy(RemovalPolicy.RETAIN)
			// AWS Backup's default plan: daily, kept 35 days.
			.enableAutomaticBackups(true)
			.build();
		AccessPoint accessPoint = storage.addAccessPoint("Data",
				AccessPointOptions.builder()
					.path("/qdrant")
					.posixUser(PosixUser.builder().uid("1000").gid("1000").build())
					.createAcl(Acl.builder().ownerUid("1000").ownerGid("1000").permissions("750").build())
					.build());
		FargateTaskDefinition task = FargateTaskDefinition.Builder.create(this, "Task")
			.family("llm-twin-" + NAME)
			.cpu(1024)
			.memoryLimitMiB(2048)
			.runtimePlatform(network.platform())
			.volumes(List.of(Volume.builder()
				.name("storage")
				.efsVolumeConfiguration(EfsVolumeConfiguration.builder()
					.fileSystemId(storage.getFileSystemId())
					.transitEncryption("ENABLED")
					.authorizationConfig(AuthorizationConfig.builder()
						.accessPointId(accessPoint.getAccessPointId())
						.iam("ENABLED")
						.build())
					.build())
				.build()))
			.build();
		storage.grantReadWrite(task.getTaskRole());
		LogGroup logs = LogGroup.Builder.create(this, "Logs").retention(FleetService.LOG_RETENTION).build();
		ContainerDefinition container = task
			.addContainer("Qdrant",
					ContainerDefinitionOptions.builder()
						.containerName(NAME)
						.image(ContainerImage.fromRegistry(settings.qdrantImage()))
						.portMappings(List.of(PortMapping.builder().containerPort(GRPC_PORT).build(),
								PortMapping.builder().containerPort(HTTP_PORT).build()))
						.environment(Map.of("QDRANT__TELEMETRY_DISABLED", "true"))
						.secrets(Map.of("QDRANT__SERVICE__API_KEY", Secret.fromSecretsManager(apiKey)))
						.logging(LogDrivers
							.awsLogs(AwsLogDriverProps.builder().logGroup(logs).streamPrefix(NAME).build()))
						// The image has no curl: bash asks the readiness endpoint over
						// /dev/tcp.
						.healthCheck(HealthCheck.builder()
							.command(List.of("CMD", "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + HTTP_PORT
									+ " && printf 'GET /readyz HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q ' 200 ' <&3"))
							.interval(Duration.seconds(10))
							.timeout(Duration.seconds(5))
							.retries(3)
							.startPeriod(Duration.seconds(30))
							.build())
						.build());
		container.addMountPoints(
				MountPoint.builder().sourceVolume("storage").containerPath("/qdrant/storage").readOnly(false).build());
		this.service = FargateService.Builder.create(this, "Service")
			.cluster(network.cluster())
			.taskDefinition(task)
			.desiredCount(1)
			.minHealthyPercent(0)
			.maxHealthyPercent(100)
			.vpcSubnets(network.privateSubnets())
			.assignPublicIp(false)
			.circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
			.cloudMapOptions(CloudMapOptions.builder().name(NAME).dnsTtl(Duration.seconds(10)).build())
			.build();
		storage.getConnections().allowDefaultPortFrom(this.service, "NFS from Qdrant");
	}

	/** The host name the feature service connects to. */
	String host() {
		return NAME + "." + Network.NAMESPACE;
	}

	void allowFrom(IConnectable client, String description) {
		this.service.getConnections().allowFrom(client, Port.tcp(GRPC_PORT), description);
	}

	FargateService service() {
		return this.service;
	}

}
