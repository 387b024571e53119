package dev.llmtwin.feature.pipeline;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the pipeline rides out a store that is down.
 *
 * @param retries attempts after the first before consumption pauses
 * @param initialBackoff the wait before the first retry; it doubles each time
 * @param maxBackoff the longest wait between retries
 * @param pause how long consumption pauses before the store is checked again
 */
@Validated
@ConfigurationProperties("feature.failures")
public record FailureProperties(@DefaultValue("3") @Min(0) int retries,
		@DefaultValue("500ms") @NotNull Duration initialBackoff, @DefaultValue("5s") @NotNull Duration maxBackoff,
		@DefaultValue("30s") @NotNull Duration pause) {
}
