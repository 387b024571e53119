package dev.llmtwin.cdc.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import java.util.List;

import com.mongodb.client.model.Sorts;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.llmtwin.cdc.CdcProperties;
import dev.llmtwin.cdc.CdcTestProperties;
import dev.llmtwin.cdc.EmbeddedMongo;
import dev.llmtwin.cdc.offset.ResumeTokenStore;
import dev.llmtwin.cdc.offset.StreamOffset;
import dev.llmtwin.cdc.offset.StreamPosition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The embedded server's history against that server: positions checked against the oplog,
 * marks for idle streams, and trimming below what the streams still need.
 */
class EmbeddedOplogHistoryTest {

	private final EmbeddedMongo mongo = new EmbeddedMongo();

	private final ResumeTokenStore offsets = mock(ResumeTokenStore.class);

	@AfterEach
	void close() {
		this.mongo.close();
	}

	@Test
	void theCurrentPositionIsTheNewestEntry() throws InterruptedException {
		List<BsonTimestamp> written = write(3);

		assertThat(history(CdcTestProperties.of()).currentPosition()).isEqualTo(written.getLast());
	}

	@Test
	void aPositionIsRetainedWhileAnEntryAtOrBeforeItIsLeft() throws InterruptedException {
		List<BsonTimestamp> written = write(3);
		EmbeddedOplogHistory history = history(CdcTestProperties.of());
		StreamPosition second = new StreamPosition.StartAt(written.get(1));
		assertThat(history.retains(second)).isTrue();

		this.mongo.oplog().deleteOne(new BsonDocument("ts", written.get(0)));
		assertThat(history.retains(second)).isTrue();
		this.mongo.oplog().deleteOne(new BsonDocument("ts", written.get(1)));
		assertThat(history.retains(second)).as("the entries up to it were trimmed").isFalse();
	}

	@Test
	void anIdleStreamIsMarkedOncePerIntervalASecondBeforeTheNewestEntry() throws InterruptedException {
		BsonTimestamp newest = write(1).getLast();
		CaughtUpMarker marker = history(CdcTestProperties.of("oplog-trim.interval=50ms")).caughtUpMarker();

		assertThat(marker.beforeIdlePoll()).as("not due yet").isNull();
		Thread.sleep(60);
		assertThat(marker.beforeIdlePoll()).isEqualTo(new BsonTimestamp(newest.getTime() - 1, 0));
		assertThat(marker.beforeIdlePoll()).as("due again only after the interval").isNull();
	}

	@Test
	void trimsBelowTheOldestPositionAStreamNeedsAndKeepsTheEntryAtIt() throws InterruptedException {
		List<BsonTimestamp> written = write(10);
		stored("articles", new StreamPosition.StartAt(written.get(6)), null);
		stored("posts", new StreamPosition.StartAt(written.get(4)), null);
		CdcProperties properties = CdcTestProperties.of("collections=articles,posts,users", "oplog-trim.retention=0s",
				"oplog-trim.batch-size=2");

		long deleted = new OplogTrimmer(this.mongo.oplog(), this.offsets, properties).trim();

		assertThat(deleted).as("in batches of two until done").isEqualTo(4);
		assertThat(timestamps()).containsExactlyElementsOf(written.subList(4, 10));
		assertThat(history(properties).retains(new StreamPosition.StartAt(written.get(4)))).isTrue();
	}

	@Test
	void aRunningSnapshotsPositionIsNeededToo() throws InterruptedException {
		List<BsonTimestamp> written = write(6);
		stored("articles", new StreamPosition.StartAt(written.get(5)),
				new StreamOffset.Snapshot("s1", written.get(2), null, 0));
		CdcProperties properties = CdcTestProperties.of("oplog-trim.retention=0s");

		new OplogTrimmer(this.mongo.oplog(), this.offsets, properties).trim();

		assertThat(timestamps()).containsExactlyElementsOf(written.subList(2, 6));
	}

	@Test
	void entriesYoungerThanTheRetentionStay() throws InterruptedException {
		List<BsonTimestamp> written = write(5);
		stored("articles", new StreamPosition.StartAt(written.getLast()), null);
		CdcProperties properties = CdcTestProperties.of("oplog-trim.retention=1h");

		assertThat(new OplogTrimmer(this.mongo.oplog(), this.offsets, properties).trim()).isZero();
		assertThat(timestamps()).containsExactlyElementsOf(written);
	}

	private EmbeddedOplogHistory history(CdcProperties properties) {
		return new EmbeddedOplogHistory(this.mongo.oplog(), properties.oplogTrim().interval(),
				new OplogTrimmer(this.mongo.oplog(), this.offsets, properties));
	}

	private void stored(String collection, StreamPosition position, StreamOffset.Snapshot snapshot) {
		when(this.offsets.load(collection))
			.thenReturn(Optional.of(new StreamOffset(collection, position, 0, null, snapshot)));
	}

	/**
	 * Writes {@code count} documents; returns their oplog entries' timestamps, oldest
	 * first, once the clock has left their second (the retention counts whole seconds).
	 */
	private List<BsonTimestamp> write(int count) throws InterruptedException {
		for (int i = 0; i < count; i++) {
			this.mongo.collection("articles").insertOne(new BsonDocument("_id", new BsonString("a" + i)));
		}
		List<BsonTimestamp> written = timestamps();
		while (Instant.now().getEpochSecond() <= Integer.toUnsignedLong(written.getLast().getTime())) {
			Thread.sleep(20);
		}
		return written;
	}

	private List<BsonTimestamp> timestamps() {
		return this.mongo.oplog()
			.find()
			.sort(Sorts.ascending("ts"))
			.map((entry) -> entry.getTimestamp("ts"))
			.into(new ArrayList<>());
	}

}
