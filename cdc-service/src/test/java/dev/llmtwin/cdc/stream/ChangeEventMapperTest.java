package dev.llmtwin.cdc.stream;

import java.nio.charset.StandardCharsets;

import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;

import dev.llmtwin.cdc.publish.OutgoingChange;
import dev.llmtwin.model.ChangeEvent;
import dev.llmtwin.model.ClusterTime;
import dev.llmtwin.model.Operation;
import dev.llmtwin.model.TwinJson;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeEventMapperTest {

	@Test
	void envelopeReadsBackAsTheChangeEventOfTheChange() {
		RawBsonDocument change = RawBsonDocument
			.parse("""
					{"_id": {"_data": "6501a2b3000000070000"}, "operationType": "update",
					 "clusterTime": {"$timestamp": {"t": 1694605491, "i": 7}},
					 "wallTime": {"$date": "2023-09-13T11:44:51.123Z"},
					 "documentKey": {"_id": "a1"},
					 "fullDocument": {"_id": "a1", "title": "Change streams", "crawledAt": {"$date": "2024-05-01T10:15:30Z"},
					                  "sections": [{"heading": "Intro"}], "words": 1200}}
					""");

		OutgoingChange outgoing = ChangeEventMapper.toChange("articles", change).orElseThrow();

		ChangeEvent event = TwinJson.mapper().readValue(outgoing.body(), ChangeEvent.class);
		assertThat(event.eventId()).isEqualTo(outgoing.eventId());
		assertThat(event.collection()).isEqualTo("articles");
		assertThat(event.operation()).isEqualTo(Operation.UPDATE);
		assertThat(event.documentId()).isEqualTo("a1");
		assertThat(event.clusterTime()).isEqualTo(new ClusterTime(1694605491, 7)).isEqualTo(outgoing.clusterTime());
		assertThat(outgoing.routingKey()).isEqualTo(event.routingKey()).isEqualTo("articles.update");
		// The same JSON as the shared mapping writes for that event.
		assertThat(TwinJson.mapper().readTree(outgoing.body()))
			.isEqualTo(TwinJson.mapper().readTree(TwinJson.mapper().writeValueAsBytes(event)));
		assertThat(new String(outgoing.body(), StandardCharsets.UTF_8))
			.contains("\"crawledAt\":\"2024-05-01T10:15:30Z\"");
		assertThat(ChangeEventMapper.resumeToken(change))
			.isEqualTo(BsonDocument.parse("{_data: '6501a2b3000000070000'}"));
		assertThat(ChangeEventMapper.sourceTime(change)).hasToString("2023-09-13T11:44:51.123Z");
	}

	@Test
	void deleteGoesOutWithoutDocumentAndOtherOperationsNotAtAll() {
		RawBsonDocument delete = RawBsonDocument
			.parse("""
					{"_id": {"_data": "01"}, "operationType": "delete", "documentKey": {"_id": {"$oid": "65f0c0ffee0123456789abcd"}},
					 "clusterTime": {"$timestamp": {"t": 1694605491, "i": 8}}}
					""");
		RawBsonDocument drop = RawBsonDocument
			.parse("""
					{"_id": {"_data": "02"}, "operationType": "drop", "clusterTime": {"$timestamp": {"t": 1694605491, "i": 9}}}
					""");

		ChangeEvent event = TwinJson.mapper()
			.readValue(ChangeEventMapper.toChange("articles", delete).orElseThrow().body(), ChangeEvent.class);

		assertThat(event.operation()).isEqualTo(Operation.DELETE);
		assertThat(event.documentId()).isEqualTo("65f0c0ffee0123456789abcd");
		assertThat(event.document()).isNull();
		assertThat(ChangeEventMapper.toChange("articles", drop)).isEmpty();
		assertThat(ChangeEventMapper.isInvalidate(drop)).isFalse();
	}

}
