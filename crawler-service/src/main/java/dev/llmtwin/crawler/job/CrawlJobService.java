package dev.llmtwin.crawler.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

import dev.llmtwin.crawler.link.LinkNormalizer;
import dev.llmtwin.crawler.store.RawDocumentStore;
import dev.llmtwin.model.CrawlCommand;
import dev.llmtwin.model.Ids;
import dev.llmtwin.model.Source;
import dev.llmtwin.model.UserDocument;
import dev.llmtwin.support.MdcKeys;

/**
 * Accepts crawl jobs: validates the request, stores the job, then queues one command per
 * link. The job is stored first so that a worker always finds the link it updates.
 */
@Service
class CrawlJobService {

	private static final Logger log = LoggerFactory.getLogger(CrawlJobService.class);

	/**
	 * Job ids are UUID v7, ordered by creation even within one millisecond, so that
	 * "newest first" is exact.
	 */
	private static final TimeBasedEpochGenerator JOB_IDS = Generators.timeBasedEpochGenerator();

	private final CrawlJobStore store;

	private final SourceDispatcher dispatcher;

	private final CrawlCommandPublisher publisher;

	private final RawDocumentStore raw;

	private final JobLimits limits;

	CrawlJobService(CrawlJobStore store, SourceDispatcher dispatcher, CrawlCommandPublisher publisher,
			RawDocumentStore raw, JobLimits limits) {
		this.raw = raw;
		this.limits = limits;
		this.store = store;
		this.dispatcher = dispatcher;
		this.publisher = publisher;
	}

	CrawlJobView submit(CrawlRequest request) {
		return create(normalizedLinks(request.links()), author(request.author()));
	}

	/**
	 * Starts one job per known author with every article link stored for that author, so
	 * that changed articles are updated (unchanged ones write nothing).
	 * @return the ids of the jobs started
	 */
	List<String> recrawlKnownArticles() {
		List<String> jobs = new ArrayList<>();
		this.raw.articleLinksByAuthor().forEach((authorId, links) -> {
			Optional<UserDocument> user = this.raw.findUser(authorId);
			if (user.isEmpty()) {
				log.warn("Re-crawl skips {} articles of unknown author {}", links.size(), authorId);
				return;
			}
			CrawlJob.Author author = new CrawlJob.Author(authorId, user.get().firstName(), user.get().lastName());
			try {
				jobs.add(create(links.stream().map((link) -> new GivenLink(link, link)).toList(), author).id());
			}
			catch (ErrorResponseException ex) {
				log.warn("Re-crawl of author {} not fully queued: {}", authorId, ex.getBody().getDetail());
			}
		});
		return jobs;
	}

	private CrawlJobView create(List<GivenLink> links, CrawlJob.Author author) {
		Instant now = Instant.now();
		List<CrawlJob.Link> jobLinks = links.stream()
			.map((link) -> CrawlJob.Link.queued(link, this.dispatcher.sourceOf(link.normalized()), now))
			.toList();
		CrawlJob job = new CrawlJob(JOB_IDS.generate().toString(), author, now, now, jobLinks);
		this.store.insert(job);
		MDC.put(MdcKeys.JOB_ID, job.id());
		try {
			publish(job);
			log.info("Crawl job {} accepted: {} links by author {}", job.id(), jobLinks.size(), author.id());
		}
		finally {
			MDC.remove(MdcKeys.JOB_ID);
		}
		return find(job.id(), LinkPage.FIRST).orElseThrow();
	}

	Optional<CrawlJobView> find(String id, LinkPage links) {
		return this.store.find(id).map((job) -> CrawlJobView.of(job, links));
	}

	/**
	 * Cancels the links still queued; links being crawled finish.
	 * @return the job after the cancel, empty when there is no such job
	 */
	Optional<CrawlJobView> cancel(String id, LinkPage links) {
		OptionalInt cancelled = this.store.cancelQueued(id);
		if (cancelled.isEmpty()) {
			return Optional.empty();
		}
		log.info("Crawl job {}: {} queued links cancelled", id, cancelled.getAsInt());
		return find(id, links).map((job) -> job.withCancelled(cancelled.getAsInt()));
	}

	CrawlJobPage list(int page, int size) {
		List<CrawlJobView> items = this.store.newestFirst(page, size)
			.stream()
			.map((job) -> CrawlJobView.of(job, LinkPage.IN_LISTS))
			.toList();
		return new CrawlJobPage(items, page, size, this.store.count());
	}

	private void publish(CrawlJob job) {
		List<CrawlCommand> commands = new ArrayList<>();
		for (int i = 0; i < job.links().size(); i++) {
			CrawlJob.Link link = job.links().get(i);
			commands.add(new CrawlCommand(job.id(), i, link.link(), link.source(), job.author().id()));
		}
		List<CrawlCommandPublisher.Failure> failures = this.publisher.publish(commands);
		if (failures.isEmpty()) {
			return;
		}
		failures.forEach((failure) -> this.store.markFailed(job.id(), failure.linkIndex(), failure.reason()));
		String reasons = failures.stream()
			.map(CrawlCommandPublisher.Failure::reason)
			.distinct()
			.collect(Collectors.joining("; "));
		log.warn("Crawl job {}: {} of {} commands not published: {}", job.id(), failures.size(), commands.size(),
				reasons);
		ErrorResponseException unavailable = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Crawl commands not queued",
				"%d of %d links could not be queued and are marked failed: %s".formatted(failures.size(),
						commands.size(), reasons));
		unavailable.getBody().setProperty("jobId", job.id());
		throw unavailable;
	}

	/**
	 * The request's links, normalized; a link given twice (in any spelling that
	 * normalizes the same) is crawled once, where it first appears.
	 */
	private List<GivenLink> normalizedLinks(List<String> links) {
		if (links == null || links.isEmpty()) {
			throw badRequest("'links' must list at least one link to crawl");
		}
		if (links.size() > this.limits.maxLinks() * 2) {
			throw tooMany(links.size());
		}
		Map<String, GivenLink> normalized = new LinkedHashMap<>();
		for (String link : links) {
			GivenLink given = given(link);
			normalized.putIfAbsent(given.normalized(), given);
		}
		if (normalized.size() > this.limits.maxLinks()) {
			throw tooMany(normalized.size());
		}
		return List.copyOf(normalized.values());
	}

	/** One link of a request, normalized, or a 400 saying why it cannot be crawled. */
	private GivenLink given(String link) {
		if (link == null || link.isBlank()) {
			throw badRequest("'links' must not contain empty entries");
		}
		if (link.length() > this.limits.maxLinkLength()) {
			throw badRequest("A link of %d characters is longer than the %d a link may have: '%s…'".formatted(
					link.length(), this.limits.maxLinkLength(), LinkNormalizer.withoutUserInfo(link.substring(0, 80))));
		}
		if (LinkNormalizer.hasUserInfo(link)) {
			throw badRequest(("Link '%s' carries a user name or password (user:password@host); credentials in "
					+ "links are never sent, stored or shown, so give the link without them")
				.formatted(LinkNormalizer.withoutUserInfo(link)));
		}
		String given = link.strip();
		String normal = LinkNormalizer.normalize(given)
			.orElseThrow(() -> badRequest(
					"Link '%s' is not an absolute http or https URL with a valid host".formatted(given)));
		return new GivenLink(given, normal);
	}

	/**
	 * Where each link would go if it were crawled, or why it would be refused; nothing is
	 * stored or queued.
	 */
	LinkRoutes routes(List<String> links) {
		if (links == null) {
			throw badRequest("'links' must list the links to route");
		}
		if (links.size() > this.limits.maxLinks() * 2) {
			throw tooMany(links.size());
		}
		return new LinkRoutes(links.stream().map(this::route).toList());
	}

	private LinkRoutes.Route route(String link) {
		try {
			GivenLink given = given(link);
			return new LinkRoutes.Route(given.given(), given.normalized(),
					this.dispatcher.sourceOf(given.normalized()).routingKey(), null);
		}
		catch (ErrorResponseException ex) {
			String shown = (link != null) ? LinkNormalizer
				.withoutUserInfo(link.substring(0, Math.min(link.length(), LinkRoutes.SHOWN_LENGTH)).strip()) : null;
			return new LinkRoutes.Route(shown, null, null, ex.getBody().getDetail());
		}
	}

	private ErrorResponseException tooMany(int links) {
		return badRequest("%d links are more than the %d one crawl request may hold; split them into several requests"
			.formatted(links, this.limits.maxLinks()));
	}

	/** The last word of the full name is the last name, the rest the first name. */
	private CrawlJob.Author author(String fullName) {
		if (fullName == null || fullName.isBlank()) {
			throw badRequest("'author' must give the author's full name");
		}
		if (fullName.length() > this.limits.maxAuthorLength()) {
			throw badRequest("'author' has %d characters, more than the %d a name may have".formatted(fullName.length(),
					this.limits.maxAuthorLength()));
		}
		String[] words = fullName.strip().split("\\s+");
		String lastName = (words.length > 1) ? words[words.length - 1] : "";
		String firstName = (words.length > 1) ? String.join(" ", List.of(words).subList(0, words.length - 1))
				: words[0];
		return new CrawlJob.Author(Ids.authorId(firstName, lastName), firstName, lastName);
	}

	private static ErrorResponseException badRequest(String detail) {
		return Problems.of(HttpStatus.BAD_REQUEST, "Invalid crawl request", detail);
	}

}
