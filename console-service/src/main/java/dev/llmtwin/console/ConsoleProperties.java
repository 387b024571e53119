package dev.llmtwin.console;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the console finds the services, and how it talks to them.
 *
 * @param crawlerUrl crawler-service's base URL
 * @param cdcUrl cdc-service's base URL
 * @param featureUrl feature-service's base URL
 * @param timeout how long a call to a service may take before the page says it did not
 * answer
 * @param refresh how often the jobs list asks again while a job runs
 * @param pipelineRefresh how often the pipeline page asks again: its statistics are one
 * pass over every document and vector, so less often than the jobs
 */
@Validated
@ConfigurationProperties("console")
public record ConsoleProperties(@NotNull URI crawlerUrl, @NotNull URI cdcUrl, @NotNull URI featureUrl,
		@DefaultValue("10s") @NotNull Duration timeout, @DefaultValue("2s") @NotNull Duration refresh,
		@DefaultValue("5s") @NotNull Duration pipelineRefresh) {

	/** The jobs' refresh interval as htmx's trigger spells it. */
	public String refreshTrigger() {
		return trigger(this.refresh);
	}

	/** The pipeline's refresh interval as htmx's trigger spells it. */
	public String pipelineRefreshTrigger() {
		return trigger(this.pipelineRefresh);
	}

	private static String trigger(Duration interval) {
		return "every " + Math.max(1, interval.toSeconds()) + "s";
	}

}
