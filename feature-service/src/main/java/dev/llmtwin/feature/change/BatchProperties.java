package dev.llmtwin.feature.change;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How changes are gathered into one batch before they are embedded and written together.
 *
 * @param size the most messages in one batch (also the consumer's prefetch)
 * @param maxWait how long to wait for the next message before a smaller batch goes
 */
@Validated
@ConfigurationProperties("feature.batch")
public record BatchProperties(@DefaultValue("32") @Min(1) @Max(1000) int size,
		@DefaultValue("10ms") @NotNull Duration maxWait) {
}
