package dev.llmtwin.ops;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import software.constructs.Node;

/**
 * What one deployment varies, read from CDK context ({@code cdk deploy -c imageTag=...}
 * or {@code cdk.json}) and validated before anything is synthesized, so that a typo fails
 * the synth instead of a half-finished deployment. Holds names and references only: every
 * secret value lives in Secrets Manager.
 *
 * @param imageTag the tag of all three service images
 * @param ecrRepositoryPrefix put before {@code crawler-service}, {@code cdc-service} and
 * {@code feature-service} to name the ECR repositories (for example {@code llm-twin/})
 * @param mongo where MongoDB runs
 * @param mongoUriSecretArn the operator's secret holding the connection string (Atlas
 * only); like every imported secret, its complete ARN (ECS does not resolve names or
 * partial ARNs)
 * @param linkedinSecretArn the operator's secret holding the LinkedIn account
 * ({@code username}, {@code password})
 * @param qdrantHost an external Qdrant (Qdrant Cloud, say); empty: Qdrant runs on ECS
 * @param qdrantPort the external Qdrant's gRPC port
 * @param qdrantUseTls whether the external Qdrant is reached over TLS
 * @param qdrantApiKeySecretArn the operator's secret holding the external Qdrant's key
 * @param qdrantImage the image of the Qdrant that runs on ECS
 * @param certificateArn an ACM certificate for the load balancer's HTTPS listener; empty:
 * plain HTTP
 * @param internetFacing whether the load balancer is reachable from the internet
 * @param natGateways NAT gateways of the VPC (1 saves money, 2 survives an AZ outage)
 * @param maxTasks the most tasks the queue-driven services scale out to
 * @param brokerName the Amazon MQ broker's name (also the CloudWatch dimension scaling
 * reads)
 * @param brokerInstanceType the broker's instance type
 * @param brokerCluster a three-node broker across AZs instead of a single instance
 * @param clusterName the ECS cluster's name (the deploy workflow waits on it)
 * @param arm64 run the tasks on Graviton (the images are built for both architectures)
 */
record TwinSettings(String imageTag, String ecrRepositoryPrefix, MongoChoice mongo, Optional<String> mongoUriSecretArn,
		String linkedinSecretArn, Optional<String> qdrantHost, int qdrantPort, boolean qdrantUseTls,
		Optional<String> qdrantApiKeySecretArn, String qdrantImage, Optional<String> certificateArn,
		boolean internetFacing, int natGateways, int maxTasks, String brokerName, String brokerInstanceType,
		boolean brokerCluster, String clusterName, boolean arm64) {

	/** Where MongoDB runs. */
	enum MongoChoice {

		/** MongoDB Atlas, reached with the operator's connection string. */
		ATLAS,
		/** Amazon DocumentDB, created by the stack (see README.md for its limits). */
		DOCUMENTDB

	}

	private static final Pattern IMAGE_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

	// ECR repository names: lowercase path components joined by '/'.
	private static final Pattern ECR_NAME = Pattern
		.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*");

	// Complete: Secrets Manager's six-character suffix included.
	private static final Pattern SECRET_ARN = Pattern
		.compile("arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}");

	private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");

	private static final Pattern IMAGE = Pattern.compile("[a-z0-9./_-]+(:[A-Za-z0-9_.-]+)?(@sha256:[a-f0-9]{64})?");

	private static final Pattern CERTIFICATE_ARN = Pattern
		.compile("arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/.+");

	private static final Pattern BROKER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,50}");

	private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");

	private static final Pattern BROKER_INSTANCE_TYPE = Pattern.compile("mq\\.[a-z0-9]+\\.[a-z0-9]+");

	TwinSettings {
		require(IMAGE_TAG.matcher(imageTag).matches(), "imageTag", imageTag, "an image tag");
		for (String repository : FleetImages.REPOSITORIES) {
			require(ECR_NAME.matcher(ecrRepositoryPrefix + repository).matches(), "ecrRepositoryPrefix",
					ecrRepositoryPrefix, "a prefix that makes valid ECR repository names");
		}
		if (mongo == MongoChoice.ATLAS) {
			requireSecretArn("mongoUriSecretArn", mongoUriSecretArn);
		}
		requireSecretArn("linkedinSecretArn", Optional.of(linkedinSecretArn));
		if (qdrantHost.isPresent()) {
			requireSecretArn("qdrantApiKeySecretArn", qdrantApiKeySecretArn);
		}
		qdrantHost.ifPresent((host) -> require(HOST.matcher(host).matches(), "qdrantHost", host, "a host name"));
		require(qdrantPort >= 1 && qdrantPort <= 65535, "qdrantPort", qdrantPort, "a port");
		require(IMAGE.matcher(qdrantImage).matches(), "qdrantImage", qdrantImage, "an image reference");
		certificateArn.ifPresent((arn) -> require(CERTIFICATE_ARN.matcher(arn).matches(), "certificateArn", arn,
				"an ACM certificate ARN"));
		require(natGateways >= 1 && natGateways <= 2, "natGateways", natGateways, "1 or 2");
		require(maxTasks >= 1 && maxTasks <= 20, "maxTasks", maxTasks, "between 1 and 20");
		require(BROKER_NAME.matcher(brokerName).matches(), "brokerName", brokerName, "a broker name");
		require(BROKER_INSTANCE_TYPE.matcher(brokerInstanceType).matches(), "brokerInstanceType", brokerInstanceType,
				"an Amazon MQ instance type");
		require(CLUSTER_NAME.matcher(clusterName).matches(), "clusterName", clusterName, "an ECS cluster name");
	}

	/** Reads and validates the context of the given node (the app's, usually). */
	static TwinSettings from(Node node) {
		Context context = new Context(node);
		Optional<String> certificateArn = context.optional("certificateArn");
		Optional<String> qdrantHost = context.optional("qdrantHost");
		return new TwinSettings(context.required("imageTag"), context.string("ecrRepositoryPrefix", ""),
				context.parsed("mongo", MongoChoice.ATLAS, TwinSettings::mongoChoice),
				context.optional("mongoUriSecretArn"), context.required("linkedinSecretArn"), qdrantHost,
				context.parsed("qdrantPort", 6334, Integer::parseInt),
				context.parsed("qdrantUseTls", true, TwinSettings::bool), context.optional("qdrantApiKeySecretArn"),
				context.string("qdrantImage", "qdrant/qdrant:v1.18.2"), certificateArn,
				// Without TLS the API key would cross the internet in clear: internal
				// unless a certificate is given or the operator insists.
				context.parsed("internetFacing", certificateArn.isPresent(), TwinSettings::bool),
				context.parsed("natGateways", 1, Integer::parseInt), context.parsed("maxTasks", 4, Integer::parseInt),
				context.string("brokerName", "llm-twin"), context.string("brokerInstanceType", "mq.m5.large"),
				context.parsed("brokerCluster", false, TwinSettings::bool), context.string("clusterName", "llm-twin"),
				context.parsed("arm64", false, TwinSettings::bool));
	}

	/** Whether Qdrant runs on ECS (no external host given). */
	boolean qdrantOnEcs() {
		return this.qdrantHost.isEmpty();
	}

	private static MongoChoice mongoChoice(String value) {
		return MongoChoice.valueOf(value.toUpperCase(Locale.ROOT));
	}

	private static boolean bool(String value) {
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "true" -> true;
			case "false" -> false;
			default -> throw new IllegalArgumentException("not true or false");
		};
	}

	private static void requireSecretArn(String key, Optional<String> arn) {
		require(arn.isPresent() && SECRET_ARN.matcher(arn.get()).matches(), key, arn.orElse(""),
				"the complete ARN of a Secrets Manager secret");
	}

	private static void require(boolean valid, String key, Object value, String expected) {
		if (!valid) {
			throw new IllegalArgumentException(
					"Context '" + key + "' is '" + value + "', which is not " + expected + " (see ops/README.md)");
		}
	}

	/**
	 * Context values arrive as strings ({@code -c key=value}) or JSON ({@code cdk.json}).
	 */
	private record Context(Node node) {

		String required(String key) {
			return optional(key).orElseThrow(() -> new IllegalArgumentException(
					"Context '" + key + "' is required: cdk deploy -c " + key + "=... (see ops/README.md)"));
		}

		String string(String key, String fallback) {
			return optional(key).orElse(fallback);
		}

		Optional<String> optional(String key) {
			Object value = this.node.tryGetContext(key);
			return Optional.ofNullable(value).map(String::valueOf).map(String::strip).filter((text) -> !text.isEmpty());
		}

		<T> T parsed(String key, T fallback, Function<String, T> parser) {
			Optional<String> value = optional(key);
			if (value.isEmpty()) {
				return fallback;
			}
			try {
				return parser.apply(value.get());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(
						"Context '" + key + "' is '" + value.get() + "': " + ex.getMessage() + " (see ops/README.md)",
						ex);
			}
		}

	}

}
