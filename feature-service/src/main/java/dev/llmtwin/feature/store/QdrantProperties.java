package dev.llmtwin.feature.store;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Qdrant server ({@code feature.vector-store=qdrant}).
 *
 * @param host its host
 * @param port its gRPC port
 * @param apiKey its API key, if it requires one
 * @param useTls whether to talk TLS
 * @param timeout the longest a call may take
 */
@Validated
@ConfigurationProperties("feature.qdrant")
public record QdrantProperties(@DefaultValue("127.0.0.1") @NotBlank String host,
		@DefaultValue("6334") @Min(1) @Max(65535) int port, String apiKey, @DefaultValue("false") boolean useTls,
		@DefaultValue("30s") @NotNull Duration timeout) {
}
