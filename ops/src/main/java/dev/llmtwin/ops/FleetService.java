package dev.llmtwin.ops;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.applicationautoscaling.AdjustmentType;
import software.amazon.awscdk.services.applicationautoscaling.BasicStepScalingPolicyProps;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.applicationautoscaling.ScalingInterval;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.LogDrivers;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One service of the fleet on Fargate: its task definition (one container, health-checked
 * on its readiness endpoint), its log group and its ECS service in the private subnets.
 * Secret values reach the container as ECS secrets, read from Secrets Manager when a task
 * starts; the environment holds settings only.
 */
final class FleetService extends Construct {

	static final RetentionDays LOG_RETENTION = RetentionDays.ONE_MONTH;

	/**
	 * @param name the service's name (task family {@code llm-twin-<name>})
	 * @param image its image
	 * @param port its HTTP port
	 * @param cpu Fargate CPU units
	 * @param memoryMiB Fargate memory
	 * @param startPeriod how long a starting task's failed health checks do not count
	 * @param environment plain settings
	 * @param secrets environment variables read from Secrets Manager
	 */
	record Spec(String name, ContainerImage image, int port, int cpu, int memoryMiB, Duration startPeriod,
			Map<String, String> environment, Map<String, Secret> secrets) {
	}

	private final FargateService service;

	FleetService(Construct scope, String id, Network network, Spec spec) {
		super(scope, id);
		LogGroup logs = LogGroup.Builder.create(this, "Logs").retention(LOG_RETENTION).build();
		FargateTaskDefinition task = FargateTaskDefinition.Builder.create(this, "Task")
			.family("llm-twin-" + spec.name())
			.cpu(spec.cpu())
			.memoryLimitMiB(spec.memoryMiB())
			.runtimePlatform(network.platform())
			.build();
		task.addContainer("App", ContainerDefinitionOptions.builder()
			.containerName(spec.name())
			.image(spec.image())
			.portMappings(List.of(PortMapping.builder().containerPort(spec.port()).build()))
			.environment(spec.environment())
			.secrets(spec.secrets())
			.logging(LogDrivers.awsLogs(AwsLogDriverProps.builder().logGroup(logs).streamPrefix(spec.name()).build()))
			// The image's own HEALTHCHECK, which ECS does not read.
			.healthCheck(HealthCheck.builder()
				.command(List.of("CMD-SHELL",
						"curl -fsS http://127.0.0.1:" + spec.port() + "/actuator/health/readiness || exit 1"))
				.interval(Duration.seconds(10))
				.timeout(Duration.seconds(5))
				.retries(3)
				.startPeriod(spec.startPeriod())
				.build())
			.build());
		this.service = FargateService.Builder.create(this, "Service")
			.cluster(network.cluster())
			.taskDefinition(task)
			.desiredCount(1)
			.minHealthyPercent(100)
			.maxHealthyPercent(200)
			.vpcSubnets(network.privateSubnets())
			.assignPublicIp(false)
			// A task that never gets healthy rolls the deployment back.
			.circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
			.build();
	}

	FargateService service() {
		return this.service;
	}

	/**
	 * Scales between one task and {@code maxTasks} on the depth of the queues this
	 * service consumes: out by one at {@code scaleOutAt} messages and by two at ten times
	 * that, in by one when they are empty.
	 */
	void scaleOnQueues(Broker broker, List<String> queues, int maxTasks, int scaleOutAt) {
		this.service.autoScaleTaskCount(EnableScalingProps.builder().minCapacity(1).maxCapacity(maxTasks).build())
			.scaleOnMetric("QueueDepth",
					BasicStepScalingPolicyProps.builder()
						.metric(broker.queueDepth(queues))
						.adjustmentType(AdjustmentType.CHANGE_IN_CAPACITY)
						.scalingSteps(List.of(ScalingInterval.builder().upper(0).change(-1).build(),
								ScalingInterval.builder().lower(scaleOutAt).change(1).build(),
								ScalingInterval.builder().lower(scaleOutAt * 10).change(2).build()))
						.cooldown(Duration.minutes(2))
						.build());
	}

}
