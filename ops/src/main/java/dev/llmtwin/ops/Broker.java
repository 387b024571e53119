package dev.llmtwin.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.amazonmq.CfnBroker;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.ec2.Connections;
import software.amazon.awscdk.services.ec2.ConnectionsProps;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * Amazon MQ for RabbitMQ in the private subnets, reached over AMQPS (5671) only. Amazon
 * MQ encrypts a RabbitMQ broker's storage at rest with an AWS-owned key (its encryption
 * options apply to ActiveMQ only); TLS is the only listener it offers.
 */
final class Broker extends Construct {

	static final int AMQPS_PORT = 5671;

	// RabbitMQ 4 brokers on Amazon MQ publish no per-queue CloudWatch metrics, and the
	// services scale on them; 3.13 also has the quorum queues the services declare.
	static final String ENGINE_VERSION = "3.13";

	private final String name;

	private final Connections connections;

	private final String host;

	Broker(Construct scope, String id, Network network, TwinSettings settings, ISecret credentials) {
		super(scope, id);
		this.name = settings.brokerName();
		SecurityGroup securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
			.vpc(network.vpc())
			.description("Amazon MQ: AMQPS from the fleet only")
			.allowAllOutbound(false)
			.build();
		this.connections = new Connections(ConnectionsProps.builder().securityGroups(List.of(securityGroup)).build());
		List<String> subnets = network.vpc()
			.selectSubnets(network.privateSubnets())
			.getSubnets()
			.stream()
			.map(ISubnet::getSubnetId)
			.toList();
		CfnBroker broker = CfnBroker.Builder.create(this, "Broker")
			.brokerName(this.name)
			.engineType("RABBITMQ")
			.engineVersion(ENGINE_VERSION)
			// Required from 3.13 on: Amazon MQ applies patch versions itself.
			.autoMinorVersionUpgrade(true)
			.hostInstanceType(settings.brokerInstanceType())
			.deploymentMode(settings.brokerCluster() ? "CLUSTER_MULTI_AZ" : "SINGLE_INSTANCE")
			.publiclyAccessible(false)
			// A single instance lives in one subnet; a cluster spreads over them.
			.subnetIds(settings.brokerCluster() ? subnets : subnets.subList(0, 1))
			.securityGroups(List.of(securityGroup.getSecurityGroupId()))
			// Dynamic references: CloudFormation reads the generated secret at deploy
			// time, the template never holds the password.
			.users(List.of(CfnBroker.UserProperty.builder()
				.username(credentials.secretValueFromJson(TwinSecrets.USERNAME).unsafeUnwrap())
				.password(credentials.secretValueFromJson(TwinSecrets.PASSWORD).unsafeUnwrap())
				.build()))
			.logs(CfnBroker.LogListProperty.builder().general(true).build())
			.maintenanceWindowStartTime(CfnBroker.MaintenanceWindowProperty.builder()
				.dayOfWeek("SUNDAY")
				.timeOfDay("03:00")
				.timeZone("UTC")
				.build())
			.build();
		// AmqpEndpoints holds "amqps://<host>:5671" per endpoint; Spring Boot wants the
		// host alone (SPRING_RABBITMQ_HOST, with SSL enabled and port 5671).
		String endpoint = Fn.select(0, broker.getAttrAmqpEndpoints());
		this.host = Fn.select(0, Fn.split(":", Fn.select(1, Fn.split("://", endpoint))));
	}

	void allowFrom(IConnectable client, String description) {
		this.connections.allowFrom(client, Port.tcp(AMQPS_PORT), description);
	}

	String host() {
		return this.host;
	}

	String name() {
		return this.name;
	}

	/**
	 * The messages (ready and unacknowledged) in the given queues, summed; a queue
	 * without a datapoint counts as empty.
	 */
	IMetric queueDepth(List<String> queues) {
		Map<String, IMetric> metrics = new LinkedHashMap<>();
		for (String queue : queues) {
			metrics.put("q" + metrics.size(),
					Metric.Builder.create()
						.namespace("AWS/AmazonMQ")
						.metricName("MessageCount")
						.dimensionsMap(Map.of("Broker", this.name, "VirtualHost", "/", "Queue", queue))
						.statistic("Maximum")
						.period(Duration.minutes(1))
						.build());
		}
		return MathExpression.Builder.create()
			.expression(metrics.keySet().stream().map((id) -> "FILL(" + id + ", 0)").collect(Collectors.joining(" + ")))
			.usingMetrics(metrics)
			.label("Messages in " + String.join(", ", queues))
			.period(Duration.minutes(1))
			.build();
	}

}
