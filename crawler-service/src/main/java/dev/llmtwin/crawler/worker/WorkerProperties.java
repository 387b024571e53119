package dev.llmtwin.crawler.worker;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.llmtwin.model.Source;

/**
 * Which sources this instance crawls, and how.
 *
 * @param sources the sources whose {@code crawl.<source>} queue this instance consumes;
 * an instance with none only serves the API
 * @param workers per source ({@code crawler.workers.<source>.*}); a source not listed
 * gets the defaults
 * @param drainTimeout how long a stopping instance lets the crawls under way finish (and
 * their commands be acknowledged); the commands of those still running then go back to
 * their queues and are crawled again
 */
@Validated
@ConfigurationProperties("crawler")
public record WorkerProperties(@DefaultValue( {
		"medium", "substack", "linkedin", "github", "web" }) List<Source> sources,
		@DefaultValue Map<Source, @Valid Worker> workers,
		@DefaultValue("20s") @NotNull @DurationMin(millis = 1) Duration drainTimeout){

	public Worker worker(Source source) {
		return this.workers.getOrDefault(source, Worker.DEFAULTS);
	}

	/**
	 * @param concurrency how many links of the source this instance crawls at once
	 * @param render when a page is loaded in a browser rather than fetched
	 */
	public record Worker(@DefaultValue("2") @Min(1) @Max(64) int concurrency,
			@DefaultValue("fallback") @NotNull RenderMode render) {

		static final Worker DEFAULTS = new Worker(2, RenderMode.FALLBACK);

	}

	/** When a page is rendered in a browser (its scripts run) instead of only fetched. */
	public enum RenderMode {

		/** Never: pages that need scripts fail. */
		NEVER,
		/** When the fetched page holds no article text. */
		FALLBACK,
		/** Always: every page is loaded in the browser. */
		ALWAYS

	}

}
