package dev.llmtwin.ops;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnOutputProps;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.ecs.Secret;
import software.constructs.Construct;

/**
 * The whole deployment in one stack: network and cluster, secrets, broker, MongoDB
 * access, Qdrant, the five services (three crawlers split by source, CDC, features) and
 * the load balancer in front of the two APIs.
 */
public final class TwinStack extends Stack {

	static final int CRAWLER_PORT = 8081;

	static final int CDC_PORT = 8082;

	static final int FEATURE_PORT = 8083;

	// The queues the services consume (AmqpNames in common-model; TwinStackTest checks
	// that they agree).
	static final String FEATURE_QUEUE = "feature.raw-changes";

	/** The crawler services and the sources each consumes ({@code crawl.<source>}). */
	static final Map<String, List<String>> CRAWLERS = crawlers();

	private final Map<String, FleetService> services = new LinkedHashMap<>();

	public TwinStack(Construct scope, String id, StackProps props, TwinSettings settings) {
		super(scope, id, props);
		Tags.of(this).add("project", "llm-twin");
		Network network = new Network(this, "Network", settings);
		TwinSecrets secrets = new TwinSecrets(this, "Secrets", settings);
		Broker broker = new Broker(this, "Broker", network, settings, secrets.rabbitMq());
		Mongo mongo = new Mongo(this, "Mongo", network, settings);
		FleetImages images = new FleetImages(this, "Images", settings);

		for (Map.Entry<String, List<String>> crawler : CRAWLERS.entrySet()) {
			Map<String, String> environment = shared(broker);
			environment.put("CRAWLER_SOURCES", String.join(",", crawler.getValue()));
			// Re-crawls are scheduled on one instance only; with autoscaling every
			// crawler service may have several, so the schedule stays off here
			// (README.md).
			environment.put("CRAWLER_RECRAWL_CRON", "-");
			Map<String, Secret> crawlerSecrets = sharedSecrets(secrets, mongo);
			if (crawler.getValue().contains("linkedin")) {
				// The only task that holds the LinkedIn account.
				crawlerSecrets.put("LINKEDIN_USERNAME",
						Secret.fromSecretsManager(secrets.linkedin(), TwinSecrets.USERNAME));
				crawlerSecrets.put("LINKEDIN_PASSWORD",
						Secret.fromSecretsManager(secrets.linkedin(), TwinSecrets.PASSWORD));
			}
			// Chromium renders pages: a whole vCPU and 2 GB.
			add(network, broker, mongo, new FleetService.Spec(crawler.getKey(), images.image(FleetImages.CRAWLER),
					CRAWLER_PORT, 1024, 2048, Duration.seconds(60), environment, crawlerSecrets));
		}

		Map<String, String> cdcEnvironment = shared(broker);
		// A real replica set, never the embedded server: no need to ask it.
		cdcEnvironment.put("CDC_EMBEDDED_SERVER", "false");
		// One task: each stream has one active reader anyway (its lease in cdc_leases),
		// and a replacement takes the lease over within its TTL. Not scaled.
		add(network, broker, mongo, new FleetService.Spec("cdc-service", images.image(FleetImages.CDC), CDC_PORT, 512,
				1024, Duration.seconds(60), cdcEnvironment, sharedSecrets(secrets, mongo)));

		Map<String, String> featureEnvironment = shared(broker);
		Map<String, Secret> featureSecrets = sharedSecrets(secrets, mongo);
		featureEnvironment.put("FEATURE_VECTOR_STORE", "qdrant");
		featureSecrets.put("FEATURE_QDRANT_API_KEY", Secret.fromSecretsManager(secrets.qdrantApiKey()));
		QdrantService qdrant = null;
		if (settings.qdrantOnEcs()) {
			qdrant = new QdrantService(this, "Qdrant", network, settings, secrets.qdrantApiKey());
			featureEnvironment.put("FEATURE_QDRANT_HOST", qdrant.host());
			featureEnvironment.put("FEATURE_QDRANT_PORT", String.valueOf(QdrantService.GRPC_PORT));
			// Inside the VPC only; Qdrant on ECS has no certificate.
			featureEnvironment.put("FEATURE_QDRANT_USE_TLS", "false");
		}
		else {
			featureEnvironment.put("FEATURE_QDRANT_HOST", settings.qdrantHost().get());
			featureEnvironment.put("FEATURE_QDRANT_PORT", String.valueOf(settings.qdrantPort()));
			featureEnvironment.put("FEATURE_QDRANT_USE_TLS", String.valueOf(settings.qdrantUseTls()));
		}
		// The embedding model (ONNX Runtime) uses every core it gets.
		FleetService feature = add(network, broker, mongo,
				new FleetService.Spec("feature-service", images.image(FleetImages.FEATURE), FEATURE_PORT, 2048, 4096,
						Duration.seconds(90), featureEnvironment, featureSecrets));
		if (qdrant != null) {
			qdrant.allowFrom(feature.service(), "Qdrant gRPC from the feature service");
		}

		// Pages are slow, changes fast: crawlers scale out at a smaller backlog.
		feature.scaleOnQueues(broker, List.of(FEATURE_QUEUE), settings.maxTasks(), 100);
		for (Map.Entry<String, List<String>> crawler : CRAWLERS.entrySet()) {
			List<String> queues = crawler.getValue().stream().map(TwinStack::crawlQueue).toList();
			// Every LinkedIn task logs in with the same account: at most two sessions.
			int max = crawler.getValue().contains("linkedin") ? Math.min(2, settings.maxTasks()) : settings.maxTasks();
			this.services.get(crawler.getKey()).scaleOnQueues(broker, queues, max, 20);
		}

		ApiLoadBalancer api = new ApiLoadBalancer(this, "Api", network, settings, this.services.get("crawler-web"),
				CRAWLER_PORT, feature, FEATURE_PORT);

		output("ClusterName", network.cluster().getClusterName(), "The ECS cluster");
		this.services.forEach((name, service) -> output(serviceOutputId(name), service.service().getServiceName(),
				"The ECS service " + name));
		if (qdrant != null) {
			output("QdrantServiceName", qdrant.service().getServiceName(), "The ECS service qdrant");
		}
		output("LoadBalancerDnsName", api.loadBalancer().getLoadBalancerDnsName(), "The API load balancer");
		output("ApiUrl", api.url(), "Base address of the crawl and feature APIs");
		output("ApiKeySecretArn", secrets.apiKey().getSecretArn(),
				"Secret holding the API key (aws secretsmanager get-secret-value --secret-id ...)");
	}

	static String crawlQueue(String source) {
		return "crawl." + source;
	}

	private FleetService add(Network network, Broker broker, Mongo mongo, FleetService.Spec spec) {
		FleetService service = new FleetService(this, camelCase(spec.name()), network, spec);
		broker.allowFrom(service.service(), "AMQPS from " + spec.name());
		mongo.allowFrom(service.service(), "MongoDB from " + spec.name());
		this.services.put(spec.name(), service);
		return service;
	}

	/** Settings every service shares (mutable: each adds its own). */
	private static Map<String, String> shared(Broker broker) {
		Map<String, String> environment = new LinkedHashMap<>();
		// All interfaces: the task's security group decides who gets in.
		environment.put("SERVER_ADDRESS", "0.0.0.0");
		environment.put("SPRING_RABBITMQ_HOST", broker.host());
		environment.put("SPRING_RABBITMQ_PORT", String.valueOf(Broker.AMQPS_PORT));
		environment.put("SPRING_RABBITMQ_SSL_ENABLED", "true");
		return environment;
	}

	/** Secrets every service reads (mutable: each adds its own). */
	private static Map<String, Secret> sharedSecrets(TwinSecrets secrets, Mongo mongo) {
		Map<String, Secret> shared = new LinkedHashMap<>();
		shared.put("TWIN_API_KEY", Secret.fromSecretsManager(secrets.apiKey()));
		shared.put("SPRING_MONGODB_URI", Secret.fromSecretsManager(mongo.uri()));
		shared.put("SPRING_RABBITMQ_USERNAME", Secret.fromSecretsManager(secrets.rabbitMq(), TwinSecrets.USERNAME));
		shared.put("SPRING_RABBITMQ_PASSWORD", Secret.fromSecretsManager(secrets.rabbitMq(), TwinSecrets.PASSWORD));
		return shared;
	}

	private void output(String id, String value, String description) {
		new CfnOutput(this, id, CfnOutputProps.builder().value(value).description(description).build());
	}

	private static String serviceOutputId(String name) {
		return camelCase(name) + (name.endsWith("-service") ? "Name" : "ServiceName");
	}

	private static String camelCase(String name) {
		StringBuilder id = new StringBuilder();
		for (String part : name.split("-")) {
			id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
		}
		return id.toString();
	}

	private static Map<String, List<String>> crawlers() {
		Map<String, List<String>> crawlers = new LinkedHashMap<>();
		// Serves the crawl API too (the load balancer's target).
		crawlers.put("crawler-web", List.of("web", "medium", "substack"));
		crawlers.put("crawler-github", List.of("github"));
		crawlers.put("crawler-linkedin", List.of("linkedin"));
		return Collections.unmodifiableMap(crawlers);
	}

}
