package dev.llmtwin.cdc.offset;

import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.llmtwin.cdc.EmbeddedMongo;
import dev.llmtwin.model.RawCollections;

import static org.assertj.core.api.Assertions.assertThat;

/** The stored positions against the embedded MongoDB server. */
class MongoResumeTokenStoreTest {

	private static final BsonDocument TOKEN = new BsonDocument("_data", new BsonString("82000000640000000A2B"));

	private final EmbeddedMongo mongo = new EmbeddedMongo();

	private final MongoResumeTokenStore store = new MongoResumeTokenStore(this.mongo.template());

	@AfterEach
	void close() {
		this.mongo.close();
	}

	@Test
	void aStreamThatNeverRanHasNoOffset() {
		assertThat(this.store.load("articles")).isEmpty();
	}

	@Test
	void confirmedChangesMoveThePositionToTheirTokenAndAddUp() {
		this.store.confirmed("articles", TOKEN, 3);
		this.store.confirmed("articles", TOKEN, 2);

		StreamOffset offset = this.store.load("articles").orElseThrow();
		assertThat(offset.position()).isEqualTo(new StreamPosition.ResumeAfter(TOKEN));
		assertThat(offset.published()).isEqualTo(5);
		assertThat(offset.updatedAt()).isNotNull();
		assertThat(this.store.load("posts")).as("per collection").isEmpty();
	}

	@Test
	void aCaughtUpStreamStartsAtItsOperationTimeInsteadOfItsToken() {
		this.store.confirmed("articles", TOKEN, 1);
		this.store.caughtUp("articles", new BsonTimestamp(200, 0));

		StreamOffset offset = this.store.load("articles").orElseThrow();
		assertThat(offset.position()).isEqualTo(new StreamPosition.StartAt(new BsonTimestamp(200, 0)));
		assertThat(offset.published()).isOne();
	}

	@Test
	void aSnapshotsProgressIsKeptUntilItFinishes() {
		this.store.confirmed("articles", TOKEN, 1);
		this.store.snapshotStarted("articles", "s1");
		this.store.snapshotPositioned("articles", new BsonTimestamp(300, 1), false);
		this.store.snapshotProgressed("articles", new BsonString("a2"), 2);
		this.store.snapshotProgressed("articles", new BsonString("a5"), 3);

		StreamOffset running = this.store.load("articles").orElseThrow();
		assertThat(running.snapshot())
			.isEqualTo(new StreamOffset.Snapshot("s1", new BsonTimestamp(300, 1), new BsonString("a5"), 5));
		assertThat(running.position()).as("the stream goes on from its token afterwards")
			.isEqualTo(new StreamPosition.ResumeAfter(TOKEN));

		this.store.snapshotFinished("articles");
		assertThat(this.store.load("articles").orElseThrow().snapshot()).isNull();
	}

	@Test
	void aSnapshotWithoutAUsableTokenMovesTheStreamToItsPosition() {
		this.store.confirmed("articles", TOKEN, 1);
		this.store.snapshotStarted("articles", "s1");
		this.store.snapshotPositioned("articles", new BsonTimestamp(300, 1), true);

		assertThat(this.store.load("articles").orElseThrow().position())
			.isEqualTo(new StreamPosition.StartAt(new BsonTimestamp(300, 1)));
		assertThat(this.mongo.collection(RawCollections.CDC_OFFSETS).find().first()).doesNotContainKey("resumeToken");
	}

}
