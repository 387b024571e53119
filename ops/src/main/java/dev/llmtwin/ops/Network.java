package dev.llmtwin.ops;

import java.util.List;

import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecs.CloudMapNamespaceOptions;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.constructs.Construct;

/**
 * The VPC (two AZs: public subnets for the load balancer and the NAT gateways, private
 * ones for everything else) and the ECS cluster with Container Insights and a private DNS
 * namespace the services find each other in.
 */
final class Network extends Construct {

	static final String NAMESPACE = "twin.internal";

	private final Vpc vpc;

	private final Cluster cluster;

	private final RuntimePlatform platform;

	Network(Construct scope, String id, TwinSettings settings) {
		super(scope, id);
		this.vpc = Vpc.Builder.create(this, "Vpc")
			.maxAzs(2)
			.natGateways(settings.natGateways())
			.subnetConfiguration(List.of(
					SubnetConfiguration.builder().name("Public").subnetType(SubnetType.PUBLIC).cidrMask(24).build(),
					SubnetConfiguration.builder()
						.name("Private")
						.subnetType(SubnetType.PRIVATE_WITH_EGRESS)
						.cidrMask(22)
						.build()))
			.build();
		// ECR serves image layers from S3: a gateway endpoint (free) keeps them off the
		// NAT gateway, which charges per gigabyte.
		this.vpc.addGatewayEndpoint("S3",
				GatewayVpcEndpointOptions.builder().service(GatewayVpcEndpointAwsService.S3).build());
		this.cluster = Cluster.Builder.create(this, "Cluster")
			.clusterName(settings.clusterName())
			.vpc(this.vpc)
			.containerInsightsV2(ContainerInsights.ENABLED)
			.defaultCloudMapNamespace(CloudMapNamespaceOptions.builder().name(NAMESPACE).build())
			.build();
		this.platform = RuntimePlatform.builder()
			.operatingSystemFamily(OperatingSystemFamily.LINUX)
			.cpuArchitecture(settings.arm64() ? CpuArchitecture.ARM64 : CpuArchitecture.X86_64)
			.build();
	}

	IVpc vpc() {
		return this.vpc;
	}

	Cluster cluster() {
		return this.cluster;
	}

	/** The platform of every task. */
	RuntimePlatform platform() {
		return this.platform;
	}

	SubnetSelection privateSubnets() {
		return SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build();
	}

}
