package dev.llmtwin.crawler.job;

import java.util.Arrays;
import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The jobs not finished yet, read from MongoDB when scraped: {@code crawler.jobs.open}
 * tagged {@code state} {@code queued} (no link started) or {@code running}. Every crawler
 * instance reports the same figures (take the maximum); finished jobs show as
 * {@code crawler.links} outcomes. A scrape while MongoDB is away reports no value (NaN)
 * rather than failing.
 */
@Component
class OpenJobGauges implements MeterBinder {

	private static final List<LinkStatus> UNFINISHED = List.of(LinkStatus.QUEUED, LinkStatus.RUNNING);

	private final CrawlJobStore store;

	OpenJobGauges(CrawlJobStore store) {
		this.store = store;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("crawler.jobs.open", this, (gauges) -> gauges.count(queued()))
			.description("Crawl jobs whose links are all still queued")
			.tag("state", "queued")
			.register(registry);
		Gauge.builder("crawler.jobs.open", this, (gauges) -> gauges.count(unfinished()) - gauges.count(queued()))
			.description("Crawl jobs with a link being crawled or still queued, and another started")
			.tag("state", "running")
			.register(registry);
	}

	private double count(Query query) {
		try {
			return this.store.count(query);
		}
		catch (DataAccessException ex) {
			return Double.NaN;
		}
	}

	private static Query unfinished() {
		return Query.query(Criteria.where("links.status").in(UNFINISHED));
	}

	/** Every link queued: no link has any other status. */
	private static Query queued() {
		List<LinkStatus> others = Arrays.stream(LinkStatus.values())
			.filter((status) -> status != LinkStatus.QUEUED)
			.toList();
		return Query.query(Criteria.where("links.status").nin(others));
	}

}
