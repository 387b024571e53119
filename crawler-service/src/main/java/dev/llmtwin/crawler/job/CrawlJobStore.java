package dev.llmtwin.crawler.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.llmtwin.crawler.crawl.CrawlResult;
import dev.llmtwin.crawler.crawl.CrawledDocument;
import dev.llmtwin.model.RawCollections;
import dev.llmtwin.model.UserDocument;

/**
 * Crawl jobs in MongoDB. The links of one job are crawled concurrently, so a link's
 * result is written as an atomic update of that link's fields by index, never by
 * rewriting the whole job.
 */
@Component
public class CrawlJobStore {

	private static final String COLLECTION = RawCollections.CRAWL_JOBS;

	private final MongoTemplate mongo;

	CrawlJobStore(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	void insert(CrawlJob job) {
		this.mongo.insert(job, COLLECTION);
	}

	Optional<CrawlJob> find(String id) {
		return Optional.ofNullable(this.mongo.findById(id, CrawlJob.class, COLLECTION));
	}

	List<CrawlJob> newestFirst(int page, int size) {
		Query query = new Query().with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id")))
			.skip((long) page * size)
			.limit(size);
		return this.mongo.find(query, CrawlJob.class, COLLECTION);
	}

	long count() {
		return count(new Query());
	}

	long count(Query query) {
		return this.mongo.count(query, COLLECTION);
	}

	/**
	 * Marks a link as being crawled.
	 * @return the job's author, or empty when the job has no such link
	 */
	public Optional<UserDocument> markRunning(String jobId, int linkIndex) {
		Query query = linkQuery(jobId, linkIndex);
		query.addCriteria(Criteria.where(field(linkIndex, "status")).ne(LinkStatus.CANCELLED));
		query.fields().include("author");
		Update update = linkUpdate(linkIndex, LinkStatus.RUNNING).unset(field(linkIndex, "reason"))
			.unset(field(linkIndex, "documentId"))
			.unset(field(linkIndex, "documentIds"))
			.unset(field(linkIndex, "written"));
		CrawlJob job = this.mongo.findAndModify(query, update, FindAndModifyOptions.none(), CrawlJob.class, COLLECTION);
		return Optional.ofNullable(job)
			.map(CrawlJob::author)
			.map((author) -> new UserDocument(author.id(), author.firstName(), author.lastName(), Map.of()));
	}

	/**
	 * Records the documents a link was stored as: done when any was written, unchanged
	 * when all were stored already.
	 */
	public void markStored(String jobId, int linkIndex, CrawlResult result) {
		List<String> ids = result.documents().stream().map(CrawledDocument::documentId).toList();
		int written = (int) result.documents().stream().filter(CrawledDocument::changed).count();
		Update update = linkUpdate(linkIndex, result.changed() ? LinkStatus.DONE : LinkStatus.UNCHANGED)
			.set(field(linkIndex, "documentId"), result.primaryDocumentId())
			.set(field(linkIndex, "written"), written)
			.unset(field(linkIndex, "reason"));
		update = (ids.size() > 1) ? update.set(field(linkIndex, "documentIds"), ids)
				: update.unset(field(linkIndex, "documentIds"));
		this.mongo.updateFirst(linkQuery(jobId, linkIndex), update, COLLECTION);
	}

	/**
	 * Cancels every link of the job that is still queued, in one atomic update of the job
	 * (an array filter picks the queued links), so that a worker taking a link at the
	 * same moment either runs it or sees it cancelled, and a job of any size is cancelled
	 * at once.
	 * @return how many links were cancelled, empty when there is no such job
	 */
	OptionalInt cancelQueued(String jobId) {
		Query query = Query.query(Criteria.where("_id").is(jobId));
		query.fields().include("links.status");
		CrawlJob before = this.mongo.findOne(query, CrawlJob.class, COLLECTION);
		if (before == null) {
			return OptionalInt.empty();
		}
		Instant now = Instant.now();
		Update update = new Update().set("links.$[queued].status", LinkStatus.CANCELLED)
			.set("links.$[queued].reason", "cancelled")
			.set("links.$[queued].updatedAt", now)
			.set("updatedAt", now)
			.filterArray(Criteria.where("queued.status").is(LinkStatus.QUEUED));
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(jobId)), update, COLLECTION);
		CrawlJob after = this.mongo.findOne(query, CrawlJob.class, COLLECTION);
		return OptionalInt.of((after == null) ? 0 : cancelledSince(before, after));
	}

	private static int cancelledSince(CrawlJob before, CrawlJob after) {
		int cancelled = 0;
		for (int i = 0; i < before.links().size() && i < after.links().size(); i++) {
			if (before.links().get(i).status() != LinkStatus.CANCELLED
					&& after.links().get(i).status() == LinkStatus.CANCELLED) {
				cancelled++;
			}
		}
		return cancelled;
	}

	/** Records why a link could not be crawled. */
	public void markFailed(String jobId, int linkIndex, String reason) {
		Update update = linkUpdate(linkIndex, LinkStatus.FAILED).set(field(linkIndex, "reason"), reason)
			.unset(field(linkIndex, "documentId"))
			.unset(field(linkIndex, "documentIds"))
			.unset(field(linkIndex, "written"));
		this.mongo.updateFirst(linkQuery(jobId, linkIndex), update, COLLECTION);
	}

	/**
	 * Matches the job only if the link exists: an update by index past the end would pad
	 * the array instead of failing.
	 */
	private static Query linkQuery(String jobId, int linkIndex) {
		return Query.query(Criteria.where("_id").is(jobId).and("links." + linkIndex).exists(true));
	}

	private static Update linkUpdate(int linkIndex, LinkStatus status) {
		Instant now = Instant.now();
		return new Update().set(field(linkIndex, "status"), status)
			.set(field(linkIndex, "updatedAt"), now)
			.set("updatedAt", now);
	}

	private static String field(int linkIndex, String name) {
		return "links." + linkIndex + "." + name;
	}

}
