package dev.llmtwin.cdc.stream;

import java.time.Duration;

import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import dev.llmtwin.cdc.offset.ResumeTokenStore;
import dev.llmtwin.cdc.offset.StreamOffset;
import dev.llmtwin.cdc.offset.StreamPosition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/** What is stored of a stream's position, and when. */
class StreamOffsetContextTest {

	private static final BsonDocument T1 = token(1);

	private static final BsonDocument T2 = token(2);

	private static final BsonDocument T3 = token(3);

	private final ResumeTokenStore store = mock(ResumeTokenStore.class);

	@Test
	void confirmedChangesAreStoredAsTheNewestTokenWithTheirCountOnceNothingIsInFlight() {
		StreamOffsetContext offsets = context(Duration.ofHours(1), new StreamPosition.ResumeAfter(T1));

		offsets.confirmed(T2);
		offsets.saveIfDue(false);
		verifyNoInteractions(this.store);
		offsets.confirmed(T3);
		offsets.saveIfDue(true);

		verify(this.store).confirmed("articles", T3, 2);
		assertThat(offsets.position()).isEqualTo(new StreamPosition.ResumeAfter(T3));
	}

	@Test
	void whileChangesKeepComingTheTokenIsStoredEveryFlushInterval() {
		StreamOffsetContext offsets = context(Duration.ZERO, new StreamPosition.ResumeAfter(T1));

		offsets.confirmed(T2);
		offsets.saveIfDue(false);
		offsets.confirmed(T3);
		offsets.saveIfDue(false);

		InOrder order = inOrder(this.store);
		order.verify(this.store).confirmed("articles", T2, 1);
		order.verify(this.store).confirmed("articles", T3, 1);
	}

	@Test
	void anInvalidatedStreamStoresWhatWasConfirmedBeforeGoingOnAfterTheEvent() {
		StreamOffsetContext offsets = context(Duration.ofHours(1), new StreamPosition.ResumeAfter(T1));
		offsets.confirmed(T2);

		offsets.invalidated(T3);

		verify(this.store).confirmed("articles", T2, 1);
		assertThat(offsets.position()).isEqualTo(new StreamPosition.StartAfter(T3));
		offsets.saveQuietly();
		verify(this.store, never()).confirmed("articles", T3, 1);
	}

	@Test
	void aCaughtUpMarkIsStoredOnlyWhenItMovesTheStreamForward() {
		StreamOffsetContext offsets = context(Duration.ofHours(1), new StreamPosition.ResumeAfter(T2));

		offsets.caughtUp(new BsonTimestamp(1700000000, 1));
		verify(this.store, never()).caughtUp(anyString(), any());
		offsets.caughtUp(new BsonTimestamp(1700000005, 0));

		verify(this.store).caughtUp("articles", new BsonTimestamp(1700000005, 0));
		assertThat(offsets.position()).isEqualTo(new StreamPosition.StartAt(new BsonTimestamp(1700000005, 0)));
	}

	@Test
	void aFailedSaveOnStopIsLoggedNotThrownAndKeepsTheInterrupt() {
		StreamOffsetContext offsets = context(Duration.ofHours(1), new StreamPosition.ResumeAfter(T1));
		offsets.confirmed(T2);
		doThrow(new IllegalStateException("MongoDB is gone")).when(this.store).confirmed(anyString(), any(), anyLong());

		Thread.currentThread().interrupt();
		offsets.saveQuietly();

		assertThat(Thread.interrupted()).isTrue();
		verify(this.store).confirmed("articles", T2, 1);
	}

	@Test
	void aSnapshotStoresItsStartBeforeItsPositionAndItsProgressByLastId() {
		StreamOffsetContext offsets = context(Duration.ofHours(1), null);

		offsets.snapshotStarted("s1");
		offsets.snapshotPositioned(new BsonTimestamp(1700000000, 4), true);
		offsets.snapshotConfirmed(new BsonString("a3"), 3);
		offsets.saveIfDue(true);
		offsets.snapshotFinished();

		InOrder order = inOrder(this.store);
		order.verify(this.store).snapshotStarted("articles", "s1");
		order.verify(this.store).snapshotPositioned("articles", new BsonTimestamp(1700000000, 4), true);
		order.verify(this.store).snapshotProgressed("articles", new BsonString("a3"), 3);
		order.verify(this.store).snapshotFinished("articles");
		assertThat(offsets.position()).isEqualTo(new StreamPosition.StartAt(new BsonTimestamp(1700000000, 4)));
		assertThat(offsets.snapshot()).isNull();
	}

	private StreamOffsetContext context(Duration flushInterval, StreamPosition position) {
		return new StreamOffsetContext(new StreamOffset("articles", position, 0, null, null), this.store,
				flushInterval);
	}

	/** A replica-set-shaped token at 1700000000.{@code increment}. */
	private static BsonDocument token(int increment) {
		return new BsonDocument("_data", new BsonString("826553F1000000000" + increment + "2B"));
	}

}
