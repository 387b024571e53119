package dev.llmtwin.crawler.job;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Crawl jobs: start one, follow one, cancel one, list them. */
@RestController
@RequestMapping("/api/crawls")
class CrawlController {

	private static final int MAX_PAGE_SIZE = 100;

	private final CrawlJobService jobs;

	CrawlController(CrawlJobService jobs) {
		this.jobs = jobs;
	}

	@PostMapping
	ResponseEntity<CrawlJobView> submit(@RequestBody CrawlRequest request) {
		CrawlJobView job = this.jobs.submit(request);
		return ResponseEntity.accepted().location(URI.create("/api/crawls/" + job.id())).body(job);
	}

	/**
	 * Where each link would go (its source) or why it would be refused; nothing is
	 * queued.
	 */
	@PostMapping("/routes")
	LinkRoutes routes(@RequestBody CrawlRequest request) {
		return this.jobs.routes(request.links());
	}

	/** The job, its counts over all links, and one page of its links. */
	@GetMapping("/{id}")
	CrawlJobView get(@PathVariable String id, @RequestParam(defaultValue = "0") int linksPage,
			@RequestParam(defaultValue = "100") int linksSize) {
		return this.jobs.find(id, linkPage(linksPage, linksSize))
			.orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "Unknown crawl job",
					"There is no crawl job with id '%s'".formatted(id)));
	}

	/** Cancels the job's queued links; links being crawled finish. */
	@PostMapping("/{id}/cancel")
	CrawlJobView cancel(@PathVariable String id) {
		return this.jobs.cancel(id, LinkPage.FIRST)
			.orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "Unknown crawl job",
					"There is no crawl job with id '%s'".formatted(id)));
	}

	private static LinkPage linkPage(int page, int size) {
		if (page < 0 || size < 1 || size > LinkPage.MAX_SIZE) {
			throw Problems.of(HttpStatus.BAD_REQUEST, "Invalid page of links",
					"'linksPage' must be 0 or more and 'linksSize' between 1 and " + LinkPage.MAX_SIZE);
		}
		return new LinkPage(page, size);
	}

	@GetMapping
	CrawlJobPage list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
			throw Problems.of(HttpStatus.BAD_REQUEST, "Invalid page",
					"'page' must be 0 or more and 'size' between 1 and " + MAX_PAGE_SIZE);
		}
		return this.jobs.list(page, size);
	}

}
