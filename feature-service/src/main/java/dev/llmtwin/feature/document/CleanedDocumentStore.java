package dev.llmtwin.feature.document;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** The {@code cleaned_documents} collection. */
@Component
public class CleanedDocumentStore {

	private final MongoTemplate mongo;

	public CleanedDocumentStore(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** The stored documents (tombstones included) with these ids, by id. */
	public Map<String, CleanedDocument> findAll(Collection<String> ids) {
		Map<String, CleanedDocument> found = new LinkedHashMap<>();
		this.mongo.find(Query.query(Criteria.where("_id").in(ids)), CleanedDocument.class)
			.forEach((document) -> found.put(document.id(), document));
		return found;
	}

	public void saveAll(List<CleanedDocument> documents) {
		if (documents.isEmpty()) {
			return;
		}
		// One round trip for the batch: each save was one of its own (7 ms a document on
		// the embedded server).
		BulkOperations bulk = this.mongo.bulkOps(BulkMode.UNORDERED, CleanedDocument.class);
		for (CleanedDocument document : documents) {
			bulk.replaceOne(Query.query(Criteria.where("_id").is(document.id())), document,
					FindAndReplaceOptions.options().upsert());
		}
		bulk.execute();
	}

	/**
	 * The live documents matching the filters ({@code null}: any), streamed from the
	 * database; close the stream.
	 */
	public Stream<CleanedDocument> stream(String type, String authorId, String platform) {
		Criteria criteria = Criteria.where("deleted").is(false);
		if (type != null) {
			criteria = criteria.and("type").is(type);
		}
		if (authorId != null) {
			criteria = criteria.and("authorId").is(authorId);
		}
		if (platform != null) {
			criteria = criteria.and("platform").is(platform);
		}
		return this.mongo.stream(Query.query(criteria).with(Sort.by("_id")), CleanedDocument.class);
	}

	/**
	 * The author's embedded documents (live, not held back, not a copy) whose fingerprint
	 * shares a band with the given ones: the candidates for a near-copy.
	 */
	public List<CleanedDocument> embeddedWithAnyBand(String authorId, long[] bands) {
		List<Long> values = Arrays.stream(bands).boxed().toList();
		return this.mongo.find(Query.query(Criteria.where("deleted")
			.is(false)
			.and("authorId")
			.is(authorId)
			.and("heldBack")
			.is(null)
			.and("duplicateOf")
			.is(null)
			.and("fingerprint.bands")
			.in(values)), CleanedDocument.class);
	}

	/** The live documents recorded as near-copies of the given one, by id. */
	public List<CleanedDocument> copiesOf(String canonicalId) {
		return this.mongo.find(Query.query(Criteria.where("deleted").is(false).and("duplicateOf").is(canonicalId))
			.with(Sort.by("_id")), CleanedDocument.class);
	}

	/** The number of live (not deleted) documents. */
	public long countLive() {
		return this.mongo.count(Query.query(Criteria.where("deleted").is(false)), CleanedDocument.class);
	}

	/**
	 * The documents (tombstones included) changed since the given time, streamed; close
	 * the stream.
	 */
	public Stream<CleanedDocument> changedSince(Instant since) {
		return this.mongo.stream(Query.query(Criteria.where("appliedAt").gte(since)), CleanedDocument.class);
	}

	/** The document changed last. */
	public Optional<CleanedDocument> lastApplied() {
		return Optional.ofNullable(this.mongo
			.findOne(new Query().with(Sort.by(Sort.Direction.DESC, "appliedAt")).limit(1), CleanedDocument.class));
	}

}
