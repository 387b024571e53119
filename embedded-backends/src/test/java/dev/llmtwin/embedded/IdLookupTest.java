package dev.llmtwin.embedded;

import java.util.List;

import de.bwaldvogel.mongo.backend.AbstractMongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdLookupTest {

	private AbstractMongoCollection<Integer> articles;

	/**
	 * The memory backend keeps documents at their insertion positions: a1 0, a2 1, a3 2.
	 */
	@BeforeEach
	void articles() {
		this.articles = (AbstractMongoCollection<Integer>) new IndexedMemoryBackend().openOrCreateDatabase("twin")
			.createCollectionOrThrowIfExists("articles", CollectionOptions.withDefaults());
		for (String id : List.of("a1", "a2", "a3")) {
			this.articles.addDocument(new Document("_id", id).append("contentHash", "hash-" + id));
		}
	}

	@Test
	void anIdBesideOtherConditionsIsReadFromTheIdIndex() {
		assertThat(positionsOf(new Document("_id", "a2").append("contentHash", new Document("$ne", "x"))))
			.containsExactly(1);
	}

	@Test
	void anIdInATopLevelAndIsReadFromTheIdIndex() {
		Document query = new Document("$and",
				List.of(new Document("_id", "a3"), new Document("$or", List.of(new Document("contentHash", "y")))));

		assertThat(positionsOf(query)).containsExactly(2);
		assertThat(positionsOf(new Document("$and", List.of(new Document("_id", "none"))).append("x", 1))).isEmpty();
	}

	@Test
	void otherQueriesKeepTheServersOwnPlanning() {
		assertThat(IdLookup.positions(this.articles, new Document("_id", "a1"))).isNull();
		assertThat(IdLookup.positions(this.articles, new Document("contentHash", "hash-a1"))).isNull();
		assertThat(IdLookup.positions(this.articles,
				new Document("_id", new Document("$in", List.of("a1", "a2"))).append("contentHash", "hash-a1")))
			.isNull();
		assertThat(IdLookup.positions(this.articles, new Document("$or", List.of(new Document("_id", "a1"))))).isNull();
	}

	private Iterable<Integer> positionsOf(Document query) {
		Iterable<Integer> positions = IdLookup.positions(this.articles, query);
		assertThat(positions).as("positions of %s", query).isNotNull();
		return positions;
	}

}
