package dev.llmtwin.cdc;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
 * server's blocking {@code next()} spins, so streams poll with {@code tryNext()}); on the
 * embedded server it bounds the write-to-publish lag of a busy stream
 * @param idlePollInterval how long a stream that has seen no change for a second sleeps
 * between polls
 * @param confirmTimeout how long a published change may wait for the broker's confirm
 * before the stream publishes again from the first unconfirmed change
 * @param maxInFlight how many published changes of one stream may await their confirms at
 * once (confirms are pipelined on one channel per stream)
 * @param offsetFlushInterval how often a stream stores the position of its newest
 * confirmed change while changes keep coming (always when none is in flight)
 * @param snapshotOnHistoryLost whether a stream whose stored position is no longer in the
 * history snapshots its collection by itself (otherwise it waits for
 * {@code POST /api/cdc/snapshot})
 * @param embeddedServer whether MongoDB is the embedded mongo-java-server; not set: asked
 * of the server (it does not know the {@code hello} command)
 * @param retry backoff between attempts after a failed publish or a broken stream
 * @param lease the lease that makes one instance the active one per stream
 * @param oplogTrim trimming of the embedded server's oplog, which never trims itself
 */
@Validated
@ConfigurationProperties("cdc")
public record CdcProperties(@NotEmpty List<@NotBlank String> collections,
		@DefaultValue("10ms") @NotNull @DurationMin(millis = 1) Duration pollInterval,
		@DefaultValue("100ms") @NotNull @DurationMin(millis = 1) Duration idlePollInterval,
		@DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration confirmTimeout,
		@DefaultValue("2000") @Min(1) @Max(100_000) int maxInFlight,
		@DefaultValue("200ms") @NotNull @DurationMin(millis = 1) Duration offsetFlushInterval,
		@DefaultValue("true") boolean snapshotOnHistoryLost, Boolean embeddedServer, @DefaultValue @Valid Retry retry,
		@DefaultValue @Valid Lease lease, @DefaultValue @Valid OplogTrim oplogTrim) {

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

	/**
	 * @param ttl how long a lease lasts without renewal: a standby takes over this long
	 * after the active instance stopped renewing
	 * @param renewInterval how often the active instance renews (and a standby tries to
	 * take over)
	 * @param owner this instance's name in {@code cdc_leases}; not set: a random one
	 */
	public record Lease(@DefaultValue("6s") @NotNull @DurationMin(millis = 100) Duration ttl,
			@DefaultValue("1s") @NotNull @DurationMin(millis = 10) Duration renewInterval, String owner) {
	}

	/**
	 * @param enabled whether to trim the embedded server's {@code local.oplog.rs} (a
	 * replica set trims its own)
	 * @param interval pause between trims
	 * @param batchSize the most entries one delete removes (a delete blocks writers while
	 * it runs); a trim deletes as many batches as it takes
	 * @param retention entries younger than this are kept even when no stream needs them
	 * any more (a stream that is about to record its position may still need them)
	 */
	public record OplogTrim(@DefaultValue("true") boolean enabled,
			@DefaultValue("1s") @NotNull @DurationMin(millis = 10) Duration interval,
			@DefaultValue("250") @Min(1) int batchSize,
			@DefaultValue("2s") @NotNull @DurationMin(millis = 0) Duration retention) {
	}

}
