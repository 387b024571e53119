package dev.llmtwin.cdc.offset;

import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The position's rules and the time read out of resume tokens. */
class StreamPositionTest {

	/**
	 * A replica set's token (MongoDB 7, version 1 KeyString): timestamp 1700000000.5,
	 * then the event's identity.
	 */
	private static final String REPLICA_SET_TOKEN = "826553F100000000052B022C0100296E5A1004"
			+ "34C2C7BAD2F04A7C9C2F7A5B1FC8E3C1463C5F6964003C6131000004";

	@Test
	void readsTheClusterTimeOutOfAReplicaSetsToken() {
		assertThat(ResumeTokens.timestamp(token(REPLICA_SET_TOKEN))).isEqualTo(new BsonTimestamp(1700000000, 5));
	}

	@Test
	void readsTheClusterTimeOutOfABinaryToken() {
		byte[] bytes = { (byte) 130, 0x65, 0x53, (byte) 0xF1, 0x00, 0, 0, 0, 7, 0x2B };
		assertThat(ResumeTokens.timestamp(new BsonDocument("_data", new BsonBinary(bytes))))
			.isEqualTo(new BsonTimestamp(1700000000, 7));
	}

	@Test
	void readsTheEmbeddedServersEarlierTokens() {
		String legacy = Long.toHexString(new BsonTimestamp(1700000000, 9).getValue());
		assertThat(ResumeTokens.timestamp(token(legacy))).isEqualTo(new BsonTimestamp(1700000000, 9));
	}

	@Test
	void refusesATokenThatDoesNotStartWithATimestamp() {
		assertThatIllegalArgumentException().isThrownBy(() -> ResumeTokens.timestamp(token("2B022C01002B022C0100")))
			.withMessageContaining("does not start with a timestamp");
		assertThatIllegalArgumentException().isThrownBy(() -> ResumeTokens.timestamp(new BsonDocument()));
	}

	@Test
	void aCaughtUpStreamMovesOnlyForward() {
		StreamPosition resume = new StreamPosition.ResumeAfter(token("826553F100000000052B"));

		assertThat(resume.caughtUpTo(new BsonTimestamp(1700000000, 5))).isEmpty();
		assertThat(resume.caughtUpTo(new BsonTimestamp(1699999999, 0))).isEmpty();
		assertThat(resume.caughtUpTo(new BsonTimestamp(1700000001, 0)))
			.contains(new StreamPosition.StartAt(new BsonTimestamp(1700000001, 0)));
	}

	@Test
	void onlyStartAfterMayPassAnInvalidateEvent() {
		StreamPosition invalidated = new StreamPosition.StartAfter(token("826553F100000000052B"));

		assertThat(invalidated.caughtUpTo(new BsonTimestamp(1800000000, 0))).isEmpty();
	}

	@Test
	void describesItselfForPeople() {
		assertThat(new StreamPosition.StartAt(new BsonTimestamp(1700000000, 3)).describe())
			.isEqualTo("at operation time 1700000000.3");
		assertThat(new StreamPosition.ResumeAfter(token("826553F100000000052B")).describe())
			.isEqualTo("after its stored token (1700000000.5)");
	}

	private static BsonDocument token(String data) {
		return new BsonDocument("_data", new BsonString(data));
	}

}
