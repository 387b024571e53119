package dev.llmtwin.ops;

import java.util.List;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ecs.CfnService;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationTargetsProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.FixedResponseOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCondition;
import software.amazon.awscdk.services.elasticloadbalancingv2.RedirectOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.constructs.Construct;

/**
 * The load balancer in front of the crawl API (crawler-web, 8081) and the feature API
 * (8083), routed by path. HTTPS when a certificate is given (HTTP then only redirects);
 * otherwise plain HTTP, internal by default, since every request carries the API key.
 * Actuator and OpenAPI endpoints are not routed: the services' health checks reach them
 * inside the VPC.
 */
final class ApiLoadBalancer extends Construct {

	// The services' controllers (CrawlController, ExtractController; SearchController,
	// StatsController, ExportController, ReindexController, DeadLetterController): a new
	// API path needs its pattern here. Five values is a listener rule's limit.
	static final List<String> CRAWLER_PATHS = List.of("/api/crawls*", "/api/extract*");

	static final List<String> FEATURE_PATHS = List.of("/api/search*", "/api/stats*", "/api/export*", "/api/reindex*",
			"/api/dlq*");

	static final String HEALTH_PATH = "/actuator/health/readiness";

	private final ApplicationLoadBalancer loadBalancer;

	private final boolean https;

	ApiLoadBalancer(Construct scope, String id, Network network, TwinSettings settings, FleetService crawler,
			int crawlerPort, FleetService feature, int featurePort) {
		super(scope, id);
		this.https = settings.certificateArn().isPresent();
		this.loadBalancer = ApplicationLoadBalancer.Builder.create(this, "LoadBalancer")
			.vpc(network.vpc())
			.internetFacing(settings.internetFacing())
			.vpcSubnets(SubnetSelection.builder()
				.subnetType(settings.internetFacing() ? SubnetType.PUBLIC : SubnetType.PRIVATE_WITH_EGRESS)
				.build())
			.dropInvalidHeaderFields(true)
			.build();
		ApplicationListener listener;
		if (this.https) {
			listener = this.loadBalancer.addListener("Https",
					BaseApplicationListenerProps.builder()
						.protocol(ApplicationProtocol.HTTPS)
						.port(443)
						.certificates(List.of(ListenerCertificate.fromArn(settings.certificateArn().get())))
						.sslPolicy(SslPolicy.RECOMMENDED_TLS)
						.defaultAction(notFound())
						.build());
			this.loadBalancer.addListener("Http",
					BaseApplicationListenerProps.builder()
						.protocol(ApplicationProtocol.HTTP)
						.port(80)
						.defaultAction(ListenerAction
							.redirect(RedirectOptions.builder().protocol("HTTPS").port("443").permanent(true).build()))
						.build());
		}
		else {
			listener = this.loadBalancer.addListener("Http",
					BaseApplicationListenerProps.builder()
						.protocol(ApplicationProtocol.HTTP)
						.port(80)
						.defaultAction(notFound())
						.build());
		}
		route(listener, "Crawler", 10, crawler, crawlerPort, CRAWLER_PATHS);
		route(listener, "Feature", 20, feature, featurePort, FEATURE_PATHS);
	}

	private static void route(ApplicationListener listener, String id, int priority, FleetService target, int port,
			List<String> paths) {
		listener.addTargets(id,
				AddApplicationTargetsProps.builder()
					.priority(priority)
					.conditions(List.of(ListenerCondition.pathPatterns(paths)))
					.protocol(ApplicationProtocol.HTTP)
					.port(port)
					.targets(List.of(target.service()))
					.healthCheck(HealthCheck.builder()
						.path(HEALTH_PATH)
						.healthyHttpCodes("200")
						.interval(Duration.seconds(15))
						.build())
					// Long enough for the crawl API's requests to finish, short enough
					// for deploys.
					.deregistrationDelay(Duration.seconds(30))
					.build());
	}

	private static ListenerAction notFound() {
		return ListenerAction.fixedResponse(404,
				FixedResponseOptions.builder()
					.contentType("application/json")
					.messageBody("{\"status\":404,\"title\":\"Not Found\"}")
					.build());
	}

	ApplicationLoadBalancer loadBalancer() {
		return this.loadBalancer;
	}

	/** The API's base address. */
	String url() {
		return (this.https ? "https://" : "http://") + this.loadBalancer.getLoadBalancerDnsName();
	}

}
