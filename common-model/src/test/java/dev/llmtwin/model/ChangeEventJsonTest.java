package dev.llmtwin.model;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeEventJsonTest {

	@Test
	void roundTripsWithWireNames() {
		ChangeEvent event = new ChangeEvent("e1", RawCollections.ARTICLES, Operation.INSERT, "d1",
				Map.of("_id", "d1", "title", "Hello"), new ClusterTime(1700000000L, 3));

		String json = TwinJson.mapper().writeValueAsString(event);

		assertThat(json).contains("\"operation\":\"insert\"").contains("\"seconds\":1700000000");
		ChangeEvent back = TwinJson.mapper().readValue(json, ChangeEvent.class);
		assertThat(back).isEqualTo(event);
		assertThat(back.routingKey()).isEqualTo("articles.insert");
	}

	@Test
	void rejectsUnknownOperationAndMissingFields() {
		assertThatThrownBy(() -> TwinJson.mapper()
			.readValue("{\"eventId\":\"e\",\"collection\":\"articles\",\"operation\":\"upsert\",\"documentId\":\"d\"}",
					ChangeEvent.class))
			.hasMessageContaining("upsert");
		assertThatThrownBy(() -> TwinJson.mapper()
			.readValue("{\"collection\":\"articles\",\"operation\":\"insert\",\"documentId\":\"d\"}",
					ChangeEvent.class))
			.hasMessageContaining("eventId");
	}

	@Test
	void articleReadsMongoStyleId() {
		ArticleDocument article = TwinJson.mapper()
			.readValue("{\"_id\":\"a1\",\"title\":\"T\",\"crawledAt\":\"2026-11-23T10:15:30Z\"}",
					ArticleDocument.class);

		assertThat(article.id()).isEqualTo("a1");
		assertThat(article.crawledAt()).hasToString("2026-11-23T10:15:30Z");
	}

	@Test
	void clusterTimeOrdersBySecondsThenIncrement() {
		assertThat(new ClusterTime(10, 5)).isLessThan(new ClusterTime(11, 0));
		assertThat(new ClusterTime(10, 5)).isGreaterThan(new ClusterTime(10, 4));
	}

}
