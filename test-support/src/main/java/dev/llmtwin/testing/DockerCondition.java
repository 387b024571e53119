package dev.llmtwin.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/** Evaluates {@link RequiresDocker}, once per test class. */
final class DockerCondition implements ExecutionCondition {

	static final String REQUIRED = "TWIN_REQUIRE_DOCKER";

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (DockerClientFactory.instance().isDockerAvailable()) {
			return ConditionEvaluationResult.enabled("Docker is available");
		}
		String reason = "no Docker engine answers, so the Testcontainers tests against real MongoDB and Qdrant "
				+ "cannot run here (they run in GitHub Actions)";
		if ("true".equalsIgnoreCase(System.getenv(REQUIRED))) {
			throw new IllegalStateException(reason + "; " + REQUIRED + "=true requires them");
		}
		return ConditionEvaluationResult.disabled(reason);
	}

}
