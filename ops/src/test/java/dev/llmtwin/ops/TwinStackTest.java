package dev.llmtwin.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

import dev.llmtwin.model.AmqpNames;
import dev.llmtwin.model.Source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Synthesizes the stack offline (CDK's jsii runtime on the machine's Node, no AWS
 * account, no Docker) and checks properties of the CloudFormation template that a
 * deployment depends on.
 */
class TwinStackTest {

	private static final String MONGO_URI_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:llm-twin/mongodb-uri-AbCdEf";

	private static final String LINKEDIN_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:llm-twin/linkedin-GhIjKl";

	private static final String QDRANT_KEY_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:llm-twin/qdrant-MnOpQr";

	private static final String CERTIFICATE_ARN = "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";

	private static final List<String> FLEET = List.of("crawler-web", "crawler-github", "crawler-linkedin",
			"cdc-service", "feature-service");

	private static final Map<String, Integer> PORTS = Map.of("crawler-web", 8081, "crawler-github", 8081,
			"crawler-linkedin", 8081, "cdc-service", 8082, "feature-service", 8083);

	// Names that say "this is a secret": never in a container's plain environment.
	private static final Pattern SECRET_NAME = Pattern
		.compile("(?i).*(PASSWORD|SECRET|API_?KEY|TOKEN|CREDENTIAL|USERNAME|MONGODB_URI).*");

	/** The default deployment: Atlas, Qdrant on ECS, no certificate. */
	private static final Synthesized DEFAULT = synthesize(Map.of());

	@Test
	void runsOneServicePerServiceAndCrawlerSplitPlusQdrant() {
		DEFAULT.template().resourceCountIs("AWS::ECS::Service", 6);
		assertThat(DEFAULT.serviceFamilies()).containsExactlyInAnyOrder("llm-twin-crawler-web",
				"llm-twin-crawler-github", "llm-twin-crawler-linkedin", "llm-twin-cdc-service",
				"llm-twin-feature-service", "llm-twin-qdrant");
	}

	@Test
	void externalQdrantLeavesTheQdrantServiceAndItsStorageOut() {
		Synthesized external = synthesize(
				Map.of("qdrantHost", "vectors.example.org", "qdrantApiKeySecretArn", QDRANT_KEY_ARN));
		external.template().resourceCountIs("AWS::ECS::Service", 5);
		external.template().resourceCountIs("AWS::EFS::FileSystem", 0);
		assertThat(external.serviceFamilies()).doesNotContain("llm-twin-qdrant");
		assertThat(external.environment("feature-service")).containsEntry("FEATURE_QDRANT_HOST", "vectors.example.org")
			.containsEntry("FEATURE_QDRANT_PORT", "6334")
			.containsEntry("FEATURE_QDRANT_USE_TLS", "true");
		assertThat(external.secrets("feature-service")).containsEntry("FEATURE_QDRANT_API_KEY", QDRANT_KEY_ARN);
	}

	@Test
	void qdrantOnEcsKeepsItsVectorsOnEncryptedEfsWithOneWriter() {
		DEFAULT.template().resourceCountIs("AWS::EFS::FileSystem", 1);
		assertThat(DEFAULT.resources("AWS::EFS::FileSystem").values())
			.allSatisfy((fileSystem) -> assertThat(fileSystem).containsEntry("Encrypted", true));
		Map<String, Object> volume = map(list(DEFAULT.taskDefinition("qdrant").get("Volumes")).get(0));
		assertThat(map(volume.get("EFSVolumeConfiguration"))).containsEntry("TransitEncryption", "ENABLED");
		assertThat(map(DEFAULT.service("qdrant").get("DeploymentConfiguration"))).containsEntry("MaximumPercent", 100);
		assertThat(DEFAULT.resources("AWS::ServiceDiscovery::Service").values())
			.anySatisfy((discovery) -> assertThat(discovery).containsEntry("Name", "qdrant"));
		assertThat(DEFAULT.environment("feature-service")).containsEntry("FEATURE_VECTOR_STORE", "qdrant")
			.containsEntry("FEATURE_QDRANT_HOST", "qdrant.twin.internal")
			.containsEntry("FEATURE_QDRANT_USE_TLS", "false");
		assertThat(DEFAULT.secrets("qdrant")).containsOnlyKeys("QDRANT__SERVICE__API_KEY");
		assertThat(DEFAULT.secrets("feature-service").get("FEATURE_QDRANT_API_KEY"))
			.isEqualTo(DEFAULT.secrets("qdrant").get("QDRANT__SERVICE__API_KEY"));
	}

	@Test
	void crawlersSplitTheSourcesBetweenThem() {
		assertThat(DEFAULT.environment("crawler-web")).containsEntry("CRAWLER_SOURCES", "web,medium,substack");
		assertThat(DEFAULT.environment("crawler-github")).containsEntry("CRAWLER_SOURCES", "github");
		assertThat(DEFAULT.environment("crawler-linkedin")).containsEntry("CRAWLER_SOURCES", "linkedin");
		List<String> crawled = Stream.of("crawler-web", "crawler-github", "crawler-linkedin")
			.flatMap((crawler) -> Stream.of(((String) DEFAULT.environment(crawler).get("CRAWLER_SOURCES")).split(",")))
			.toList();
		assertThat(crawled).doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(Stream.of(Source.values()).map(Source::routingKey).toList());
	}

	@Test
	void queueNamesAreTheServices() {
		assertThat(TwinStack.FEATURE_QUEUE).isEqualTo(AmqpNames.FEATURE_QUEUE);
		TwinStack.CRAWLERS.values()
			.stream()
			.flatMap(List::stream)
			.forEach((source) -> assertThat(TwinStack.crawlQueue(source))
				.isEqualTo(AmqpNames.crawlQueue(Source.fromRoutingKey(source))));
	}

	@Test
	void onlyTheLinkedinCrawlerHoldsTheLinkedinAccount() {
		assertThat(DEFAULT.secrets("crawler-linkedin")).containsEntry("LINKEDIN_USERNAME", LINKEDIN_ARN + ":username::")
			.containsEntry("LINKEDIN_PASSWORD", LINKEDIN_ARN + ":password::");
		for (String family : List.of("crawler-web", "crawler-github", "cdc-service", "feature-service", "qdrant")) {
			assertThat(DEFAULT.secrets(family)).as(family).doesNotContainKeys("LINKEDIN_USERNAME", "LINKEDIN_PASSWORD");
			assertThat(json(DEFAULT.taskDefinition(family))).as(family).doesNotContain("llm-twin/linkedin");
		}
	}

	@Test
	void secretsReachContainersAsEcsSecretsOnly() {
		for (Synthesized synthesized : List.of(DEFAULT, synthesize(Map.of("mongo", "documentdb")))) {
			for (Map<String, Object> task : synthesized.resources("AWS::ECS::TaskDefinition").values()) {
				for (Object container : list(task.get("ContainerDefinitions"))) {
					Map<String, Object> definition = map(container);
					for (Object variable : list(definition.getOrDefault("Environment", List.of()))) {
						String name = (String) map(variable).get("Name");
						String value = json(map(variable).get("Value"));
						assertThat(name).as(definition.get("Name") + " environment").doesNotMatch(SECRET_NAME);
						assertThat(value).as(name).doesNotContain("mongodb://", "mongodb+srv://", "{{resolve:");
					}
				}
			}
		}
		for (String family : FLEET) {
			assertThat(DEFAULT.secrets(family)).as(family)
				.containsKeys("TWIN_API_KEY", "SPRING_MONGODB_URI", "SPRING_RABBITMQ_USERNAME",
						"SPRING_RABBITMQ_PASSWORD")
				.containsEntry("SPRING_MONGODB_URI", MONGO_URI_ARN)
				.containsEntry("TWIN_API_KEY", Map.of("Ref", DEFAULT.secretWithDescription("X-API-Key")));
		}
		assertThat(DEFAULT.resources("AWS::SecretsManager::Secret").values()).allSatisfy(
				(secret) -> assertThat(secret).containsKey("GenerateSecretString").doesNotContainKey("SecretString"));
	}

	@Test
	void servicesRunTheirEcrImageAtTheTagAndCheckReadiness() {
		for (String family : FLEET) {
			Map<String, Object> container = DEFAULT.container(family);
			String repository = family.startsWith("crawler-") ? "crawler-service" : family;
			assertThat(json(container.get("Image"))).as(family).contains("/llm-twin/" + repository + ":1.2.3");
			int port = PORTS.get(family);
			assertThat(map(list(container.get("PortMappings")).get(0))).containsEntry("ContainerPort", port);
			assertThat(map(container.get("HealthCheck")).get("Command")).as(family)
				.isEqualTo(List.of("CMD-SHELL",
						"curl -fsS http://127.0.0.1:" + port + "/actuator/health/readiness || exit 1"));
			assertThat(DEFAULT.environment(family)).as(family).containsEntry("SERVER_ADDRESS", "0.0.0.0");
			assertThat(map(map(DEFAULT.service(family).get("NetworkConfiguration")).get("AwsvpcConfiguration")))
				.containsEntry("AssignPublicIp", "DISABLED");
		}
	}

	@Test
	void brokerIsAPrivateRabbitMqReachedOverAmqps() {
		Map<String, Object> broker = single(DEFAULT.resources("AWS::AmazonMQ::Broker"));
		assertThat(broker).containsEntry("EngineType", "RABBITMQ")
			.containsEntry("EngineVersion", "3.13")
			.containsEntry("PubliclyAccessible", false)
			.containsEntry("BrokerName", "llm-twin");
		assertThat(json(broker.get("Users"))).contains("{{resolve:secretsmanager:");
		List<Map<String, Object>> ingress = DEFAULT.resources("AWS::EC2::SecurityGroupIngress")
			.values()
			.stream()
			.filter((rule) -> json(rule.get("GroupId")).contains("BrokerSecurityGroup"))
			.toList();
		assertThat(ingress).hasSize(FLEET.size())
			.allSatisfy((rule) -> assertThat(rule).containsEntry("FromPort", 5671).containsEntry("ToPort", 5671));
		for (String family : FLEET) {
			assertThat(DEFAULT.environment(family)).as(family)
				.containsEntry("SPRING_RABBITMQ_PORT", "5671")
				.containsEntry("SPRING_RABBITMQ_SSL_ENABLED", "true")
				.containsKey("SPRING_RABBITMQ_HOST");
		}
	}

	@Test
	void everyLogGroupKeepsItsLogsAMonth() {
		Map<String, Map<String, Object>> logGroups = DEFAULT.resources("AWS::Logs::LogGroup");
		assertThat(logGroups).hasSize(6);
		assertThat(logGroups.values()).allSatisfy((group) -> assertThat(group).containsEntry("RetentionInDays", 30));
	}

	@Test
	void featureServiceAndCrawlersScaleOnTheirQueuesMessageCount() {
		Map<String, Set<String>> expected = Map.of("llm-twin-feature-service", Set.of("feature.raw-changes"),
				"llm-twin-crawler-web", Set.of("crawl.web", "crawl.medium", "crawl.substack"),
				"llm-twin-crawler-github", Set.of("crawl.github"), "llm-twin-crawler-linkedin",
				Set.of("crawl.linkedin"));
		Map<String, Scaling> scaling = DEFAULT.scalingByFamily();
		assertThat(scaling).containsOnlyKeys(expected.keySet());
		scaling.forEach((family, scaled) -> {
			assertThat(scaled.min()).as(family).isEqualTo(1);
			assertThat(scaled.max()).as(family).isEqualTo(family.endsWith("linkedin") ? 2 : 4);
			assertThat(scaled.adjustments()).as(family).contains(-1, 1, 2);
			assertThat(scaled.queuesPerAlarm()).as(family)
				.hasSize(2)
				.allSatisfy((queues) -> assertThat(queues).isEqualTo(expected.get(family)));
			assertThat(scaled.metrics()).as(family)
				.allSatisfy((metric) -> assertThat(metric).containsEntry("Namespace", "AWS/AmazonMQ")
					.containsEntry("MetricName", "MessageCount"));
			assertThat(scaled.dimensions()).as(family)
				.allSatisfy((dimensions) -> assertThat(dimensions).containsEntry("Broker", "llm-twin")
					.containsEntry("VirtualHost", "/"));
		});
	}

	@Test
	void cdcRunsAsOneUnscaledTask() {
		assertThat(DEFAULT.service("cdc-service")).containsEntry("DesiredCount", 1);
		assertThat(DEFAULT.scalingByFamily()).doesNotContainKey("llm-twin-cdc-service");
	}

	@Test
	void clusterHasContainerInsightsInATwoZoneVpcWithNatGateways() {
		assertThat(single(DEFAULT.resources("AWS::ECS::Cluster")).get("ClusterSettings"))
			.isEqualTo(List.of(Map.of("Name", "containerInsights", "Value", "enabled")));
		DEFAULT.template().resourceCountIs("AWS::EC2::Subnet", 4);
		DEFAULT.template().resourceCountIs("AWS::EC2::NatGateway", 1);
		assertThat(DEFAULT.resources("AWS::EC2::Subnet").values())
			.filteredOn((subnet) -> subnet.get("MapPublicIpOnLaunch").equals(false))
			.hasSize(2);
		assertThat(single(DEFAULT.resources("AWS::ECS::Cluster"))).containsEntry("ClusterName", "llm-twin");
		assertThat(DEFAULT.resources("AWS::ECS::TaskDefinition").values())
			.allSatisfy((task) -> assertThat(json(task.get("RuntimePlatform"))).contains("X86_64"));
		Synthesized larger = synthesize(Map.of("natGateways", "2", "arm64", "true"));
		assertThat(larger.resources("AWS::EC2::NatGateway")).hasSize(2);
		assertThat(larger.resources("AWS::ECS::TaskDefinition").values())
			.allSatisfy((task) -> assertThat(json(task.get("RuntimePlatform"))).contains("ARM64"));
	}

	@Test
	void loadBalancerRoutesTheTwoApisByPathOverInternalHttpByDefault() {
		Map<String, Object> loadBalancer = single(DEFAULT.resources("AWS::ElasticLoadBalancingV2::LoadBalancer"));
		assertThat(loadBalancer).containsEntry("Scheme", "internal");
		assertThat(DEFAULT.resources("AWS::ElasticLoadBalancingV2::Listener").values()).singleElement()
			.satisfies((listener) -> assertThat(listener).containsEntry("Protocol", "HTTP").containsEntry("Port", 80));
		assertThat(DEFAULT.routes()).containsOnly(
				Map.entry("llm-twin-crawler-web", List.of("/api/crawls*", "/api/extract*")),
				Map.entry("llm-twin-feature-service",
						List.of("/api/search*", "/api/stats*", "/api/export*", "/api/reindex*", "/api/dlq*")));
		assertThat(DEFAULT.resources("AWS::ElasticLoadBalancingV2::TargetGroup").values())
			.allSatisfy((group) -> assertThat(group).containsEntry("HealthCheckPath", "/actuator/health/readiness"));
	}

	@Test
	void certificateTurnsOnHttpsAndFacesTheInternet() {
		Synthesized https = synthesize(Map.of("certificateArn", CERTIFICATE_ARN));
		assertThat(single(https.resources("AWS::ElasticLoadBalancingV2::LoadBalancer"))).containsEntry("Scheme",
				"internet-facing");
		Map<Object, Map<String, Object>> listeners = https.resources("AWS::ElasticLoadBalancingV2::Listener")
			.values()
			.stream()
			.collect(Collectors.toMap((listener) -> listener.get("Port"), (listener) -> listener));
		assertThat(listeners).containsOnlyKeys(443, 80);
		assertThat(listeners.get(443)).containsEntry("Protocol", "HTTPS")
			.containsEntry("Certificates", List.of(Map.of("CertificateArn", CERTIFICATE_ARN)));
		assertThat(json(listeners.get(80).get("DefaultActions"))).contains("\"redirect\"", "HTTPS");
		assertThat(https.routes()).hasSize(2);
	}

	@Test
	void documentDbOptionIsEncryptedAndKeepsChangeStreamsAWeek() {
		Synthesized documentDb = synthesize(Map.of("mongo", "documentdb"));
		assertThat(single(documentDb.resources("AWS::DocDB::DBCluster"))).containsEntry("StorageEncrypted", true);
		assertThat(json(single(documentDb.resources("AWS::DocDB::DBClusterParameterGroup")).get("Parameters")))
			.contains("\"change_stream_log_retention_duration\":\"604800\"");
		String uriSecret = documentDb.secretWithDescription("DocumentDB");
		String uri = json(documentDb.resources("AWS::SecretsManager::Secret").get(uriSecret).get("SecretString"));
		assertThat(uri).contains("{{resolve:secretsmanager:", "retryWrites=false", "authSource=admin");
		for (String family : FLEET) {
			assertThat(documentDb.secrets(family)).as(family)
				.containsEntry("SPRING_MONGODB_URI", Map.of("Ref", uriSecret));
		}
		assertThat(documentDb.resources("AWS::EC2::SecurityGroupIngress").values())
			.filteredOn((rule) -> json(rule.get("GroupId")).contains("DocumentDb"))
			.hasSize(FLEET.size());
	}

	@Test
	void outputsNameTheClusterServicesAndLoadBalancer() {
		assertThat(DEFAULT.outputs()).containsKeys("ClusterName", "CrawlerWebServiceName", "CrawlerGithubServiceName",
				"CrawlerLinkedinServiceName", "CdcServiceName", "FeatureServiceName", "QdrantServiceName",
				"LoadBalancerDnsName", "ApiUrl", "ApiKeySecretArn");
	}

	static Stream<Arguments> invalidContext() {
		return Stream.of(Arguments.of(Map.of("imageTag", ""), "imageTag"),
				Arguments.of(Map.of("imageTag", "no spaces"), "imageTag"),
				Arguments.of(Map.of("ecrRepositoryPrefix", "Upper/"), "ecrRepositoryPrefix"),
				Arguments.of(Map.of("mongo", "postgres"), "mongo"),
				Arguments.of(Map.of("mongoUriSecretArn", ""), "mongoUriSecretArn"),
				// A secret's name or partial ARN: ECS would not find it.
				Arguments.of(Map.of("linkedinSecretArn", "llm-twin/linkedin"), "linkedinSecretArn"),
				Arguments.of(
						Map.of("linkedinSecretArn", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:linkedin"),
						"linkedinSecretArn"),
				Arguments.of(Map.of("qdrantHost", "vectors.example.org"), "qdrantApiKeySecretArn"),
				Arguments.of(Map.of("qdrantHost", "not a host", "qdrantApiKeySecretArn", QDRANT_KEY_ARN), "qdrantHost"),
				Arguments.of(Map.of("certificateArn", "my-certificate"), "certificateArn"),
				Arguments.of(Map.of("maxTasks", "0"), "maxTasks"), Arguments.of(Map.of("maxTasks", "many"), "maxTasks"),
				Arguments.of(Map.of("natGateways", "3"), "natGateways"),
				Arguments.of(Map.of("internetFacing", "yes"), "internetFacing"),
				Arguments.of(Map.of("clusterName", "llm twin"), "clusterName"));
	}

	@ParameterizedTest
	@MethodSource("invalidContext")
	void invalidContextFailsBeforeAnythingIsSynthesized(Map<String, Object> overrides, String key) {
		App app = new App(AppProps.builder().context(context(overrides)).build());
		assertThatIllegalArgumentException().isThrownBy(() -> TwinSettings.from(app.getNode()))
			.withMessageContaining("'" + key + "'");
	}

	@Test
	void documentDbNeedsNoAtlasSecret() {
		App app = new App(
				AppProps.builder().context(context(Map.of("mongo", "DocumentDB", "mongoUriSecretArn", ""))).build());
		assertThat(TwinSettings.from(app.getNode()).mongo()).isEqualTo(TwinSettings.MongoChoice.DOCUMENTDB);
	}

	private static Map<String, Object> context(Map<String, Object> overrides) {
		Map<String, Object> context = new HashMap<>(Map.of("imageTag", "1.2.3", "ecrRepositoryPrefix", "llm-twin/",
				"mongoUriSecretArn", MONGO_URI_ARN, "linkedinSecretArn", LINKEDIN_ARN));
		context.putAll(overrides);
		return context;
	}

	private static Synthesized synthesize(Map<String, Object> overrides) {
		App app = new App(AppProps.builder().context(context(overrides)).build());
		TwinStack stack = new TwinStack(app, "Test", StackProps.builder().build(), TwinSettings.from(app.getNode()));
		Template template = Template.fromStack(stack);
		return new Synthesized(template, template.toJSON());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		return (List<Object>) value;
	}

	private static String json(Object value) {
		if (value instanceof Map<?, ?> map) {
			return map.entrySet()
				.stream()
				.map((entry) -> "\"" + entry.getKey() + "\":" + json(entry.getValue()))
				.collect(Collectors.joining(",", "{", "}"));
		}
		if (value instanceof List<?> list) {
			return list.stream().map(TwinStackTest::json).collect(Collectors.joining(",", "[", "]"));
		}
		return (value instanceof String) ? "\"" + value + "\"" : String.valueOf(value);
	}

	private static <T> T single(Map<String, T> resources) {
		assertThat(resources).hasSize(1);
		return resources.values().iterator().next();
	}

	/** A service's step scaling as the template wires it: target, policies, alarms. */
	private record Scaling(int min, int max, List<Integer> adjustments, List<Set<String>> queuesPerAlarm,
			List<Map<String, Object>> metrics, List<Map<String, Object>> dimensions) {
	}

	/**
	 * One synthesized template, with lookups by task family ({@code llm-twin-<name>}).
	 */
	private record Synthesized(Template template, Map<String, Object> cloudFormation) {

		Map<String, Map<String, Object>> resources(String type) {
			Map<String, Map<String, Object>> found = new TreeMap<>();
			map(this.cloudFormation.get("Resources")).forEach((id, resource) -> {
				if (type.equals(map(resource).get("Type"))) {
					found.put(id, map(map(resource).getOrDefault("Properties", Map.of())));
				}
			});
			return found;
		}

		Map<String, Object> outputs() {
			return map(this.cloudFormation.get("Outputs"));
		}

		String taskDefinitionId(String name) {
			return resources("AWS::ECS::TaskDefinition").entrySet()
				.stream()
				.filter((task) -> ("llm-twin-" + name).equals(task.getValue().get("Family")))
				.map(Map.Entry::getKey)
				.findFirst()
				.orElseThrow(() -> new AssertionError("No task family llm-twin-" + name));
		}

		Map<String, Object> taskDefinition(String name) {
			return resources("AWS::ECS::TaskDefinition").get(taskDefinitionId(name));
		}

		Map<String, Object> container(String name) {
			return map(list(taskDefinition(name).get("ContainerDefinitions")).get(0));
		}

		Map<String, Object> environment(String name) {
			Map<String, Object> environment = new LinkedHashMap<>();
			for (Object variable : list(container(name).getOrDefault("Environment", List.of()))) {
				environment.put((String) map(variable).get("Name"), map(variable).get("Value"));
			}
			return environment;
		}

		Map<String, Object> secrets(String name) {
			Map<String, Object> secrets = new LinkedHashMap<>();
			for (Object secret : list(container(name).getOrDefault("Secrets", List.of()))) {
				secrets.put((String) map(secret).get("Name"), map(secret).get("ValueFrom"));
			}
			return secrets;
		}

		Map<String, Object> service(String name) {
			Object task = Map.of("Ref", taskDefinitionId(name));
			return resources("AWS::ECS::Service").values()
				.stream()
				.filter((service) -> task.equals(service.get("TaskDefinition")))
				.findFirst()
				.orElseThrow();
		}

		/** Task family of each ECS service, by the service's logical id. */
		Map<String, String> familiesByService() {
			Map<String, Map<String, Object>> tasks = resources("AWS::ECS::TaskDefinition");
			Map<String, String> families = new TreeMap<>();
			resources("AWS::ECS::Service").forEach((id, service) -> families.put(id,
					(String) tasks.get(map(service.get("TaskDefinition")).get("Ref")).get("Family")));
			return families;
		}

		List<String> serviceFamilies() {
			return new ArrayList<>(familiesByService().values());
		}

		String secretWithDescription(String fragment) {
			return resources("AWS::SecretsManager::Secret").entrySet()
				.stream()
				.filter((secret) -> String.valueOf(secret.getValue().get("Description")).contains(fragment))
				.map(Map.Entry::getKey)
				.findFirst()
				.orElseThrow(() -> new AssertionError("No secret described with " + fragment));
		}

		Map<String, Scaling> scalingByFamily() {
			Map<String, String> families = familiesByService();
			Map<String, Map<String, Object>> policies = resources("AWS::ApplicationAutoScaling::ScalingPolicy");
			Map<String, Map<String, Object>> alarms = resources("AWS::CloudWatch::Alarm");
			Map<String, Scaling> scaling = new TreeMap<>();
			resources("AWS::ApplicationAutoScaling::ScalableTarget").forEach((targetId, target) -> {
				String family = families.entrySet()
					.stream()
					.filter((service) -> json(target.get("ResourceId")).contains("\"" + service.getKey() + "\""))
					.map(Map.Entry::getValue)
					.findFirst()
					.orElseThrow();
				List<Integer> adjustments = new ArrayList<>();
				List<Set<String>> queuesPerAlarm = new ArrayList<>();
				List<Map<String, Object>> metrics = new ArrayList<>();
				List<Map<String, Object>> dimensions = new ArrayList<>();
				policies.forEach((policyId, policy) -> {
					if (!Map.of("Ref", targetId).equals(policy.get("ScalingTargetId"))) {
						return;
					}
					for (Object step : list(map(policy.get("StepScalingPolicyConfiguration")).get("StepAdjustments"))) {
						adjustments.add(((Number) map(step).get("ScalingAdjustment")).intValue());
					}
					alarms.values()
						.stream()
						.filter((alarm) -> list(alarm.get("AlarmActions")).contains(Map.of("Ref", policyId)))
						.forEach((alarm) -> {
							Set<String> queues = new HashSet<>();
							for (Object query : list(alarm.get("Metrics"))) {
								Object stat = map(query).get("MetricStat");
								if (stat == null) {
									continue;
								}
								Map<String, Object> metric = map(map(stat).get("Metric"));
								metrics.add(metric);
								Map<String, Object> named = new HashMap<>();
								for (Object dimension : list(metric.get("Dimensions"))) {
									named.put((String) map(dimension).get("Name"), map(dimension).get("Value"));
								}
								dimensions.add(named);
								queues.add((String) named.get("Queue"));
							}
							queuesPerAlarm.add(queues);
						});
				});
				scaling.put(family,
						new Scaling(((Number) target.get("MinCapacity")).intValue(),
								((Number) target.get("MaxCapacity")).intValue(), adjustments, queuesPerAlarm, metrics,
								dimensions));
			});
			return scaling;
		}

		/**
		 * Path patterns per task family, following listener rule, target group, service.
		 */
		Map<String, List<Object>> routes() {
			Map<String, String> families = familiesByService();
			Map<String, List<Object>> routes = new TreeMap<>();
			resources("AWS::ElasticLoadBalancingV2::ListenerRule").values().forEach((rule) -> {
				Object group = map(list(rule.get("Actions")).get(0)).get("TargetGroupArn");
				String serviceId = resources("AWS::ECS::Service").entrySet()
					.stream()
					.filter((service) -> json(service.getValue().get("LoadBalancers")).contains(json(group)))
					.map(Map.Entry::getKey)
					.findFirst()
					.orElseThrow();
				Map<String, Object> condition = map(list(rule.get("Conditions")).get(0));
				assertThat(condition).containsEntry("Field", "path-pattern");
				routes.put(families.get(serviceId), list(map(condition.get("PathPatternConfig")).get("Values")));
			});
			return routes;
		}

	}

}
