package dev.llmtwin.cdc.stream;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.RawBsonDocument;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;

import dev.llmtwin.model.TwinJson;

import static org.assertj.core.api.Assertions.assertThat;

class PlainBsonValuesTest {

	private static final Instant PUBLISHED = Instant.parse("2024-05-01T10:15:30.123Z");

	@Test
	void convertsBsonTypesToPlainJsonValues() {
		ObjectId objectId = new ObjectId("65f0c0ffee0123456789abcd");
		UUID uuid = UUID.fromString("0b8e6bb6-5f3c-4a57-9b7e-2f3a1c0d9e11");
		BsonDocument document = new BsonDocument("_id", new BsonObjectId(objectId))
			.append("title", new BsonString("Change streams"))
			.append("publishedAt", new BsonDateTime(PUBLISHED.toEpochMilli()))
			.append("price", new BsonDecimal128(Decimal128.parse("12.50")))
			.append("words", new BsonInt32(1200))
			.append("views", new BsonInt64(9_000_000_000L))
			.append("score", new BsonDouble(0.75))
			.append("draft", BsonBoolean.FALSE)
			.append("subtitle", BsonNull.VALUE)
			.append("authorRef", new BsonBinary(uuid))
			.append("sections",
					new BsonArray(List.of(
							new BsonDocument("heading", new BsonString("Intro")).append("editedAt",
									new BsonDateTime(PUBLISHED.toEpochMilli())),
							new BsonArray(List.of(new BsonObjectId(objectId))))));

		Map<String, Object> plain = PlainBsonValues.toPlain(document);

		assertThat(plain).containsEntry("_id", "65f0c0ffee0123456789abcd")
			.containsEntry("title", "Change streams")
			.containsEntry("publishedAt", "2024-05-01T10:15:30.123Z")
			.containsEntry("price", "12.50")
			.containsEntry("words", 1200)
			.containsEntry("views", 9_000_000_000L)
			.containsEntry("score", 0.75)
			.containsEntry("draft", false)
			.containsEntry("subtitle", null)
			.containsEntry("authorRef", uuid.toString())
			.containsEntry("sections", List.of(Map.of("heading", "Intro", "editedAt", "2024-05-01T10:15:30.123Z"),
					List.of("65f0c0ffee0123456789abcd")));
		assertThat(plain.keySet()).first().isEqualTo("_id");
	}

	@Test
	void writesTheSameJsonStraightFromBson() {
		ObjectId objectId = new ObjectId("65f0c0ffee0123456789abcd");
		BsonDocument document = new BsonDocument("_id", new BsonObjectId(objectId))
			.append("publishedAt", new BsonDateTime(PUBLISHED.toEpochMilli()))
			.append("price", new BsonDecimal128(Decimal128.parse("12.50")))
			.append("words", new BsonInt32(1200))
			.append("views", new BsonInt64(9_000_000_000L))
			.append("score", new BsonDouble(0.75))
			.append("draft", BsonBoolean.TRUE)
			.append("subtitle", BsonNull.VALUE)
			.append("seenAt", new BsonTimestamp(1_714_558_530, 7))
			.append("authorRef", new BsonBinary(UUID.fromString("0b8e6bb6-5f3c-4a57-9b7e-2f3a1c0d9e11")))
			.append("sections", new BsonArray(List.of(new BsonDocument("heading", new BsonString("Intro \"quoted\"")),
					new BsonArray(List.of(new BsonObjectId(objectId), new BsonString("ünïcode"))))));
		RawBsonDocument raw = RawBsonDocument.parse(document.toJson());

		for (BsonDocument source : List.of(document, raw)) {
			StringWriter streamed = new StringWriter();
			try (JsonGenerator json = TwinJson.mapper().createGenerator(streamed)) {
				PlainBsonValues.write(source, json);
			}

			assertThat(streamed.toString())
				.isEqualTo(TwinJson.mapper().writeValueAsString(PlainBsonValues.toPlain(document)));
		}
	}

	@Test
	void resultSerializesAsPlainJson() {
		BsonDocument document = new BsonDocument("_id", new BsonObjectId(new ObjectId("65f0c0ffee0123456789abcd")))
			.append("crawledAt", new BsonDateTime(PUBLISHED.toEpochMilli()));

		String json = TwinJson.mapper().writeValueAsString(PlainBsonValues.toPlain(document));

		assertThat(json).isEqualTo("{\"_id\":\"65f0c0ffee0123456789abcd\",\"crawledAt\":\"2024-05-01T10:15:30.123Z\"}");
	}

}
