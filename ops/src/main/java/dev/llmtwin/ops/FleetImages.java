package dev.llmtwin.ops;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.constructs.Construct;

/**
 * The service images, from the ECR repositories the operator created once (CI pushes to
 * them), all at the deployment's tag. Referencing existing repositories keeps Docker out
 * of {@code cdk synth} and the images' lifetime out of the stack's.
 */
final class FleetImages extends Construct {

	static final String CRAWLER = "crawler-service";

	static final String CDC = "cdc-service";

	static final String FEATURE = "feature-service";

	static final List<String> REPOSITORIES = List.of(CRAWLER, CDC, FEATURE);

	private final TwinSettings settings;

	private final Map<String, IRepository> repositories = new HashMap<>();

	FleetImages(Construct scope, String id, TwinSettings settings) {
		super(scope, id);
		this.settings = settings;
	}

	ContainerImage image(String repository) {
		IRepository ecr = this.repositories.computeIfAbsent(repository,
				(name) -> Repository.fromRepositoryName(this, name, this.settings.ecrRepositoryPrefix() + name));
		return ContainerImage.fromEcrRepository(ecr, this.settings.imageTag());
	}

}
