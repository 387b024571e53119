package dev.llmtwin.cdc.offset;

import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.conversions.Bson;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import dev.llmtwin.model.RawCollections;

/**
 * One document per stream in {@code cdc_offsets}: {@code _id} = collection,
 * {@code resumeToken} or {@code startAtOperationTime} (the {@link StreamPosition}),
 * {@code published}, {@code updatedAt}, and while a snapshot runs {@code snapshot: {id,
 * position, lastId, published}}.
 */
@Component
class MongoResumeTokenStore implements ResumeTokenStore {

	private static final String RESUME_TOKEN = "resumeToken";

	private static final String START_AT = "startAtOperationTime";

	private static final String PUBLISHED = "published";

	private static final String UPDATED_AT = "updatedAt";

	private static final String SNAPSHOT = "snapshot";

	private final MongoCollection<BsonDocument> offsets;

	MongoResumeTokenStore(MongoTemplate mongo) {
		this.offsets = mongo.getCollection(RawCollections.CDC_OFFSETS).withDocumentClass(BsonDocument.class);
	}

	@Override
	public Optional<StreamOffset> load(String collection) {
		BsonDocument stored = this.offsets.find(Filters.eq("_id", collection)).first();
		if (stored == null) {
			return Optional.empty();
		}
		StreamPosition position = stored.isDocument(RESUME_TOKEN)
				? new StreamPosition.ResumeAfter(stored.getDocument(RESUME_TOKEN))
				: stored.isTimestamp(START_AT) ? new StreamPosition.StartAt(stored.getTimestamp(START_AT)) : null;
		long published = stored.isNumber(PUBLISHED) ? stored.getNumber(PUBLISHED).longValue() : 0;
		Instant updatedAt = stored.isDateTime(UPDATED_AT)
				? Instant.ofEpochMilli(stored.getDateTime(UPDATED_AT).getValue()) : null;
		StreamOffset.Snapshot snapshot = null;
		if (stored.isDocument(SNAPSHOT)) {
			BsonDocument running = stored.getDocument(SNAPSHOT);
			snapshot = new StreamOffset.Snapshot(running.getString("id").getValue(),
					running.isTimestamp("position") ? running.getTimestamp("position") : null,
					running.containsKey("lastId") ? running.get("lastId") : null,
					running.isNumber(PUBLISHED) ? running.getNumber(PUBLISHED).longValue() : 0);
		}
		return Optional.of(new StreamOffset(collection, position, published, updatedAt, snapshot));
	}

	@Override
	public void confirmed(String collection, BsonDocument resumeToken, long count) {
		update(collection, Updates.set(RESUME_TOKEN, resumeToken), Updates.unset(START_AT),
				Updates.inc(PUBLISHED, count));
	}

	@Override
	public void caughtUp(String collection, BsonTimestamp position) {
		update(collection, Updates.unset(RESUME_TOKEN), Updates.set(START_AT, position));
	}

	@Override
	public void snapshotStarted(String collection, String snapshotId) {
		update(collection, Updates.set(SNAPSHOT,
				new BsonDocument("id", new BsonString(snapshotId)).append(PUBLISHED, new BsonInt64(0))));
	}

	@Override
	public void snapshotPositioned(String collection, BsonTimestamp position, boolean streamFromPosition) {
		if (streamFromPosition) {
			update(collection, Updates.set(SNAPSHOT + ".position", position), Updates.unset(RESUME_TOKEN),
					Updates.set(START_AT, position));
		}
		else {
			update(collection, Updates.set(SNAPSHOT + ".position", position));
		}
	}

	@Override
	public void snapshotProgressed(String collection, BsonValue lastId, long count) {
		update(collection, Updates.set(SNAPSHOT + ".lastId", lastId), Updates.inc(SNAPSHOT + "." + PUBLISHED, count));
	}

	@Override
	public void snapshotFinished(String collection) {
		update(collection, Updates.unset(SNAPSHOT));
	}

	private void update(String collection, Bson... updates) {
		Bson[] all = Arrays.copyOf(updates, updates.length + 1);
		all[updates.length] = Updates.set(UPDATED_AT, new Date());
		this.offsets.updateOne(Filters.eq("_id", collection), Updates.combine(all), new UpdateOptions().upsert(true));
	}

}
