package dev.llmtwin.crawler.worker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.llmtwin.crawler.crawl.CrawlFailure;
import dev.llmtwin.model.Source;

/**
 * Counts each crawled link by source and outcome: {@code crawler.links} tagged
 * {@code source}, {@code outcome} ({@code stored}, {@code unchanged}, {@code failed}) and
 * {@code reason} (a {@link CrawlFailure} kind, {@code none} unless it failed).
 */
@Component
class LinkOutcomeMeters {

	static final String LINKS = "crawler.links";

	private final MeterRegistry meters;

	/** Without a registry (a test slice), the counters count in one of their own. */
	LinkOutcomeMeters(ObjectProvider<MeterRegistry> meters) {
		this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
	}

	void stored(Source source, boolean changed) {
		count(source, changed ? "stored" : "unchanged", "none");
	}

	void failed(Source source, CrawlFailure failure) {
		count(source, "failed", failure.tag());
	}

	private void count(Source source, String outcome, String reason) {
		Counter.builder(LINKS)
			.description("Links crawled, by source, outcome and the kind of failure")
			.tag("source", source.routingKey())
			.tag("outcome", outcome)
			.tag("reason", reason)
			.register(this.meters)
			.increment();
	}

}
