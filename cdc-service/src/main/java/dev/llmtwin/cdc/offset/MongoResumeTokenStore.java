package dev.llmtwin.cdc.offset;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import dev.llmtwin.model.ClusterTime;
import dev.llmtwin.model.RawCollections;

/**
 * One document per stream in {@code cdc_offsets}: {@code _id} = collection,
 * {@code resumeToken}, {@code clusterTime} (a BSON timestamp), {@code published},
 * {@code updatedAt}.
 */
@Component
class MongoResumeTokenStore implements ResumeTokenStore {

	private static final String RESUME_TOKEN = "resumeToken";

	private static final String CLUSTER_TIME = "clusterTime";

	private static final String PUBLISHED = "published";

	private static final String UPDATED_AT = "updatedAt";

	private final MongoCollection<BsonDocument> offsets;

	MongoResumeTokenStore(MongoTemplate mongo) {
		this.offsets = mongo.getCollection(RawCollections.CDC_OFFSETS).withDocumentClass(BsonDocument.class);
	}

	@Override
	public Optional<StreamOffset> load(String collection) {
		BsonDocument stored = this.offsets.find(Filters.eq("_id", collection)).first();
		if (stored == null || !stored.isDocument(RESUME_TOKEN)) {
			return Optional.empty();
		}
		BsonTimestamp clusterTime = stored.getTimestamp(CLUSTER_TIME);
		return Optional.of(new StreamOffset(collection, stored.getDocument(RESUME_TOKEN),
				new ClusterTime(clusterTime.getTime(), clusterTime.getInc()), stored.getNumber(PUBLISHED).longValue(),
				Instant.ofEpochMilli(stored.getDateTime(UPDATED_AT).getValue())));
	}

	@Override
	public void confirmed(String collection, BsonDocument resumeToken, ClusterTime clusterTime) {
		this.offsets.updateOne(Filters.eq("_id", collection), Updates.combine(Updates.set(RESUME_TOKEN, resumeToken),
				Updates.set(CLUSTER_TIME, new BsonTimestamp((int) clusterTime.seconds(), clusterTime.increment())),
				Updates.inc(PUBLISHED, 1L), Updates.set(UPDATED_AT, new Date())), new UpdateOptions().upsert(true));
	}

}
