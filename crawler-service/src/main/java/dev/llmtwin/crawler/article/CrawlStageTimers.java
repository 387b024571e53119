package dev.llmtwin.crawler.article;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.llmtwin.model.Source;

/**
 * How long each step of an article crawl takes, per source: Micrometer timers
 * {@code crawler.page.fetch}, {@code crawler.page.render}, {@code crawler.page.extract}
 * and {@code crawler.page.store}, tagged {@code source}; failed steps are timed too.
 */
@Component
class CrawlStageTimers {

	private final MeterRegistry meters;

	/** By stage and source: looked up three times a page, built once. */
	private final Map<Source, Map<String, Timer>> timers = new ConcurrentHashMap<>();

	/** Without a registry (a test slice), the timers count in one of their own. */
	CrawlStageTimers(ObjectProvider<MeterRegistry> meters) {
		this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
	}

	<T, E extends Exception> T time(String stage, Source source, Step<T, E> step) throws E {
		Timer.Sample sample = Timer.start(this.meters);
		try {
			return step.run();
		}
		finally {
			sample.stop(this.timers.computeIfAbsent(source, (key) -> new ConcurrentHashMap<>())
				.computeIfAbsent(stage,
						(key) -> Timer.builder("crawler.page." + stage)
							.description("Time of one " + stage + " step of an article crawl")
							.tag("source", source.routingKey())
							.register(this.meters)));
		}
	}

	@FunctionalInterface
	interface Step<T, E extends Exception> {

		T run() throws E;

	}

}
