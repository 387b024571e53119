package dev.llmtwin.crawler.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

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
		return this.mongo.count(new Query(), COLLECTION);
	}

	/**
	 * Marks a link as being crawled.
	 * @return the job's author, or empty when the job has no such link
	 */
	public Optional<UserDocument> markRunning(String jobId, int linkIndex) {
		Query query = linkQuery(jobId, linkIndex);
		query.fields().include("author");
		Update update = linkUpdate(linkIndex, LinkStatus.RUNNING).unset(field(linkIndex, "reason"))
			.unset(field(linkIndex, "documentId"));
		CrawlJob job = this.mongo.findAndModify(query, update, FindAndModifyOptions.none(), CrawlJob.class, COLLECTION);
		return Optional.ofNullable(job)
			.map(CrawlJob::author)
			.map((author) -> new UserDocument(author.id(), author.firstName(), author.lastName(), Map.of()));
	}

	/** Records the document a link was stored as, changed or found unchanged. */
	public void markStored(String jobId, int linkIndex, String documentId, boolean changed) {
		Update update = linkUpdate(linkIndex, changed ? LinkStatus.DONE : LinkStatus.UNCHANGED)
			.set(field(linkIndex, "documentId"), documentId)
			.unset(field(linkIndex, "reason"));
		this.mongo.updateFirst(linkQuery(jobId, linkIndex), update, COLLECTION);
	}

	/** Records why a link could not be crawled. */
	public void markFailed(String jobId, int linkIndex, String reason) {
		Update update = linkUpdate(linkIndex, LinkStatus.FAILED).set(field(linkIndex, "reason"), reason)
			.unset(field(linkIndex, "documentId"));
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
