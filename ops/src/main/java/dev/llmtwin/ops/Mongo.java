package dev.llmtwin.ops;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.services.docdb.BackupProps;
import software.amazon.awscdk.services.docdb.ClusterParameterGroup;
import software.amazon.awscdk.services.docdb.DatabaseCluster;
import software.amazon.awscdk.services.docdb.Login;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceSize;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

import dev.llmtwin.ops.TwinSettings.MongoChoice;

/**
 * Where the services' MongoDB connection string comes from. The CDC service needs change
 * streams that resume from a stored token, which a replica set gives: MongoDB Atlas by
 * default (the operator's secret), Amazon DocumentDB on request (a cluster created here,
 * with the limits README.md lists).
 */
final class Mongo extends Construct {

	private final ISecret uri;

	private final DatabaseCluster documentDb;

	Mongo(Construct scope, String id, Network network, TwinSettings settings) {
		super(scope, id);
		if (settings.mongo() == MongoChoice.ATLAS) {
			// Created by the operator before the first deployment: a task never starts
			// without it. Atlas traffic leaves through the NAT gateways (their addresses
			// go on the Atlas IP access list) or a PrivateLink endpoint set up apart.
			this.uri = Secret.fromSecretCompleteArn(this, "Uri", settings.mongoUriSecretArn().get());
			this.documentDb = null;
			return;
		}
		this.documentDb = DatabaseCluster.Builder.create(this, "DocumentDb")
			.engineVersion("5.0.0")
			.masterUser(Login.builder()
				.username("twin")
				// Goes into a connection string unescaped: nothing URIs reserve.
				.excludeCharacters(" \"'@/:?#[]%&=+,;\\{}|^`~<>$!*()")
				.build())
			.instanceType(InstanceType.of(InstanceClass.BURSTABLE4_GRAVITON, InstanceSize.MEDIUM))
			.instances(1)
			.vpc(network.vpc())
			.vpcSubnets(network.privateSubnets())
			.storageEncrypted(true)
			.backup(BackupProps.builder().retention(Duration.days(7)).build())
			.parameterGroup(ClusterParameterGroup.Builder.create(this, "Parameters")
				.family("docdb5.0")
				.description("Change streams kept 7 days (the default is 3 hours)")
				.parameters(Map.of("change_stream_log_retention_duration", "604800", "tls", "enabled"))
				.build())
			.removalPolicy(RemovalPolicy.SNAPSHOT)
			.build();
		ISecret master = this.documentDb.getSecret();
		// Assembled by CloudFormation from dynamic references, so that the template holds
		// none of it. DocumentDB: users live in admin, no retryable writes, change
		// streams from the primary.
		this.uri = Secret.Builder.create(this, "Uri")
			.description("MongoDB connection string of the DocumentDB cluster (SPRING_MONGODB_URI)")
			.secretStringValue(SecretValue.unsafePlainText(Fn
				.join("", List.of("mongodb://", master.secretValueFromJson("username").unsafeUnwrap(), ":",
						master.secretValueFromJson("password").unsafeUnwrap(), "@",
						this.documentDb.getClusterEndpoint().getSocketAddress(),
						"/twin?tls=true&replicaSet=rs0&readPreference=primary&retryWrites=false&authSource=admin"))))
			.build();
	}

	/** The connection string, for {@code SPRING_MONGODB_URI}. */
	ISecret uri() {
		return this.uri;
	}

	/** Opens the DocumentDB port to a client; Atlas has its own access list. */
	void allowFrom(IConnectable client, String description) {
		if (this.documentDb != null) {
			this.documentDb.getConnections().allowDefaultPortFrom(client, description);
		}
	}

}
