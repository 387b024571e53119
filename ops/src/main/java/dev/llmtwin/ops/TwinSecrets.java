package dev.llmtwin.ops;

import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The secrets every deployment has. Generated ones never leave AWS (the template holds
 * only their ARNs); the LinkedIn account (and an external Qdrant's key) are the
 * operator's, created once before the first deployment so that no task starts without
 * them. Secrets Manager encrypts them all at rest with its KMS key. Generated secrets get
 * generated names (the stack outputs the API key's): a fixed name could not be reused for
 * the recovery window after a stack's deletion.
 */
final class TwinSecrets extends Construct {

	static final String USERNAME = "username";

	static final String PASSWORD = "password";

	private final ISecret apiKey;

	private final ISecret rabbitMq;

	private final ISecret linkedin;

	private final ISecret qdrantApiKey;

	TwinSecrets(Construct scope, String id, TwinSettings settings) {
		super(scope, id);
		this.apiKey = generated("ApiKey", "The X-API-Key of every /api request (TWIN_API_KEY)");
		// Amazon MQ refuses commas, colons and equal signs in passwords: letters and
		// digits only.
		this.rabbitMq = Secret.Builder.create(this, "RabbitMq")
			.description("The Amazon MQ broker's user (username, password)")
			.generateSecretString(SecretStringGenerator.builder()
				.secretStringTemplate("{\"" + USERNAME + "\":\"twin\"}")
				.generateStringKey(PASSWORD)
				.excludePunctuation(true)
				.passwordLength(32)
				.build())
			.build();
		this.linkedin = Secret.fromSecretCompleteArn(this, "Linkedin", settings.linkedinSecretArn());
		this.qdrantApiKey = settings.qdrantOnEcs() ? generated("QdrantApiKey", "The API key of the Qdrant on ECS")
				: Secret.fromSecretCompleteArn(this, "QdrantApiKey", settings.qdrantApiKeySecretArn().get());
	}

	private ISecret generated(String id, String description) {
		return Secret.Builder.create(this, id)
			.description(description)
			.generateSecretString(SecretStringGenerator.builder()
				.excludePunctuation(true)
				.includeSpace(false)
				.passwordLength(48)
				.build())
			.build();
	}

	ISecret apiKey() {
		return this.apiKey;
	}

	/** JSON with {@link #USERNAME} and {@link #PASSWORD}. */
	ISecret rabbitMq() {
		return this.rabbitMq;
	}

	/** JSON with {@link #USERNAME} and {@link #PASSWORD}. */
	ISecret linkedin() {
		return this.linkedin;
	}

	ISecret qdrantApiKey() {
		return this.qdrantApiKey;
	}

}
