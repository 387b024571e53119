package dev.llmtwin.cdc;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.llmtwin.model.RawCollections;

/**
 * Settings of the change-data-capture service.
 *
 * @param collections the collections to watch, one change stream each; none set, the raw
 * collections
 * @param pollInterval how long a stream sleeps when a poll brought nothing (the embedded
 * server's blocking {@code next()} spins, so streams poll with {@code tryNext()})
 * @param confirmTimeout how long to wait for the broker's confirm of a published change
 * before publishing it again
 * @param retry backoff between attempts after a failed publish or a broken stream
 */
@Validated
@ConfigurationProperties("cdc")
public record CdcProperties(@NotEmpty List<@NotBlank String> collections,
		@DefaultValue("50ms") @NotNull @DurationMin(millis = 1) Duration pollInterval,
		@DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration confirmTimeout,
		@DefaultValue @Valid Retry retry) {

	public CdcProperties {
		collections = (collections != null) ? List.copyOf(collections) : RawCollections.RAW;
	}

	/**
	 * @param initialBackoff the first pause after a failure; it doubles with every
	 * further failure
	 * @param maxBackoff the longest pause
	 */
	public record Retry(@DefaultValue("200ms") @NotNull @DurationMin(millis = 1) Duration initialBackoff,
			@DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration maxBackoff) {
	}

}
