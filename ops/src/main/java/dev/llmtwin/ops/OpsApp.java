package dev.llmtwin.ops;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app ({@code cdk.json} runs it): one {@link TwinStack} named by the
 * {@code stackName} context (default {@code LlmTwin}). Environment-agnostic: it deploys
 * to the account and region of the CLI's credentials, needs no context lookups (nothing
 * to keep in {@code cdk.context.json}) and synthesizes exactly what TwinStackTest checks.
 */
public final class OpsApp {

	private OpsApp() {
	}

	public static void main(String[] args) {
		App app = new App();
		TwinSettings settings = TwinSettings.from(app.getNode());
		Object stackName = app.getNode().tryGetContext("stackName");
		new TwinStack(app, (stackName != null) ? stackName.toString() : "LlmTwin",
				StackProps.builder().description("LLM twin: crawlers, CDC and feature services on ECS Fargate").build(),
				settings);
		app.synth();
	}

}
