package dev.llmtwin.feature.quality;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;

import dev.llmtwin.embedded.EmbeddedMongoServer;
import dev.llmtwin.feature.document.CleanedDocument;
import dev.llmtwin.feature.document.CleanedDocumentStore;
import dev.llmtwin.feature.document.Fingerprint;
import dev.llmtwin.model.ClusterTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Near-copy decisions of a batch against the cleaned documents on the embedded server.
 */
class NearCopyBatchTest {

	private static final String TIDES = """
			The tide comes in twice a day on the Wadden coast, and twice a day the sandbanks disappear under a \
			grey sheet of water. Harbour seals rest on those banks at low tide and slip into the channels when the \
			water returns, so anyone who wants to watch them has a few hours and a fixed place to do it. The \
			rangers ask visitors to keep three hundred metres away, to stay on the marked paths across the mud, \
			and to leave the dog at home: a seal that is startled off its bank leaves its pup behind.""";

	private static final String STREAMS = """
			A change stream is only as reliable as the place you keep its resume token. Store the token after the \
			change has reached the broker, not before, or a crash between the two loses the change for good. Store \
			it too late and a restart replays a few changes, which is harmless when every consumer is idempotent. \
			That is why the consumer keys every write by the document and the position of the change: a replay \
			overwrites what it wrote the first time, and an older change arriving late is recognised and ignored.""";

	private static final String BREAD = """
			Sourdough asks for patience more than for skill: the starter needs a week of daily feeding before it \
			raises a loaf, and the dough wants a long cold rest overnight. What it gives back is a crust that \
			crackles as it cools and a crumb with the faint sourness no yeast from a packet can match. Bake it in \
			a heavy pot with the lid on for the first twenty minutes, so the steam keeps the crust soft while the \
			loaf rises, and then without the lid until the crust is the colour of dark honey.""";

	private final EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();

	private final MongoClient client = MongoClients.create(this.server.connectionString());

	private final CountingStore store = new CountingStore(new MongoTemplate(this.client, "twin"));

	@AfterEach
	void close() {
		this.client.close();
		this.server.close();
	}

	@Test
	void aCrossPostedCopyIsLinkedToTheAuthorsStoredWorkAndAnotherAuthorsCopyIsNot() {
		this.store.saveAll(List.of(document("medium-tides", "jane", TIDES)));
		CleanedDocument copy = document("substack-tides", "jane", crossPosted(TIDES));
		CleanedDocument othersCopy = document("blog-tides", "john", crossPosted(TIDES));
		CleanedDocument other = document("medium-bread", "jane", BREAD);

		NearCopyBatch batch = batch(copy, othersCopy, other);

		assertThat(batch.decide(copy)).contains("medium-tides");
		assertThat(batch.decide(othersCopy)).isEmpty();
		assertThat(batch.decide(other)).isEmpty();
		assertThat(this.store.lookups).as("one lookup per author for the whole batch").containsExactly("jane", "john");
	}

	@Test
	void aCopyOfADocumentDecidedEarlierInTheBatchIsLinkedToIt() {
		CleanedDocument first = document("medium-streams", "jane", STREAMS);
		CleanedDocument copy = document("substack-streams", "jane", crossPosted(STREAMS));

		NearCopyBatch batch = batch(first, copy);

		assertThat(batch.decide(first)).isEmpty();
		assertThat(batch.decide(copy)).contains("medium-streams");
	}

	@Test
	void aStoredDocumentThatIsPartOfTheBatchIsNoCandidate() {
		this.store.saveAll(List.of(document("medium-tides", "jane", TIDES)));
		CleanedDocument deleted = CleanedDocument.tombstone("medium-tides", "articles", "article",
				new ClusterTime(2, 1), null);
		CleanedDocument copy = document("substack-tides", "jane", crossPosted(TIDES));

		NearCopyBatch batch = batch(deleted, copy);

		assertThat(batch.decide(deleted)).isEmpty();
		assertThat(batch.decide(copy)).as("its stored state is outdated: it is being deleted").isEmpty();
	}

	@Test
	void aDocumentJoiningTheBatchLooksUpOnlyTheBandsNotLookedUpYet() {
		this.store.saveAll(List.of(document("medium-tides", "jane", TIDES)));
		NearCopyBatch batch = batch(document("medium-bread", "jane", BREAD));
		CleanedDocument joining = document("substack-tides", "jane", crossPosted(TIDES));

		assertThat(batch.decide(joining)).contains("medium-tides");
		assertThat(batch.decide(document("blog-tides", "jane", crossPosted(TIDES)))).contains("medium-tides");
		assertThat(this.store.lookups).containsExactly("jane", "jane");
	}

	private NearCopyBatch batch(CleanedDocument... documents) {
		Set<String> ids = new HashSet<>();
		for (CleanedDocument document : documents) {
			ids.add(document.id());
		}
		return new NearCopyBatch(this.store, 0.7, List.of(documents), ids);
	}

	/** The text with a newsletter's furniture around it and a word edited. */
	private static String crossPosted(String text) {
		return "Notes from Jane\n\n" + text.replace("fixed", "known").replace("for good", "forever")
				+ "\n\nThanks for reading!";
	}

	private static CleanedDocument document(String id, String authorId, String text) {
		return new CleanedDocument(id, "articles", "article", "web", authorId, "https://example.com/" + id, id, text,
				"hash-" + id, Instant.parse("2026-11-23T10:15:30Z"), new ClusterTime(1, 1), false, 1, "bge", null, null,
				"en", null, Fingerprint.of(text));
	}

	/** The real store, counting the candidate lookups by author. */
	private static final class CountingStore extends CleanedDocumentStore {

		private final List<String> lookups = new ArrayList<>();

		CountingStore(MongoTemplate mongo) {
			super(mongo);
		}

		@Override
		public List<CleanedDocument> embeddedWithAnyBand(String authorId, long[] bands) {
			this.lookups.add(authorId);
			return super.embeddedWithAnyBand(authorId, bands);
		}

	}

}
