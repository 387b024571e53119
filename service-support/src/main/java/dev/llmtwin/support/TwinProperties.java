package dev.llmtwin.support;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings every service shares.
 *
 * @param apiKey the key every {@code /api/**} request (and every actuator endpoint but
 * health and info) needs, in the {@code X-API-Key} header or as a bearer token; a service
 * without one refuses to start unless {@code twin.security.open} is set
 * @param security how access control applies
 * @param maxRequestSize the largest request body a service reads; a larger one is a 413
 * @param amqp broker settings
 */
@Validated
@ConfigurationProperties("twin")
public record TwinProperties(String apiKey, @DefaultValue Security security,
		@DefaultValue("1MB") @NotNull DataSize maxRequestSize, @DefaultValue Amqp amqp) {

	/** The key, or null when none is configured (an empty value counts as none). */
	public String configuredApiKey() {
		return (this.apiKey != null && !this.apiKey.isBlank()) ? this.apiKey.strip() : null;
	}

	/**
	 * @param open run without access control when no key is configured, for a demo on a
	 * machine nobody else reaches; never the default
	 * @param openReads let {@code GET} requests of {@code /api/**} through without the
	 * key, for a demo; writes still need it
	 */
	public record Security(boolean open, boolean openReads) {
	}

	/**
	 * @param quorumQueues declare work queues as quorum queues (RabbitMQ); off for
	 * brokers with classic queues only
	 */
	public record Amqp(@DefaultValue("true") boolean quorumQueues) {
	}

}
