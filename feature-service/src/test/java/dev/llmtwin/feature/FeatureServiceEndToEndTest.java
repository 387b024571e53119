package dev.llmtwin.feature;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import dev.llmtwin.embedded.EmbeddedMongoServer;
import dev.llmtwin.testing.TestBroker;
import dev.llmtwin.feature.store.VectorStore;
import dev.llmtwin.model.AmqpNames;
import dev.llmtwin.model.ChangeEvent;
import dev.llmtwin.model.ClusterTime;
import dev.llmtwin.model.ContentHash;
import dev.llmtwin.model.Ids;
import dev.llmtwin.model.Operation;
import dev.llmtwin.model.RawCollections;
import dev.llmtwin.model.TwinJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole service on the real RabbitMQ (own virtual host), embedded MongoDB, a
 * temporary Lucene index and the real embedding model: changes published to
 * {@code raw.changes} as the CDC service publishes them become searchable over HTTP. One
 * service for all tests (the model loads once); each test uses its own documents.
 */
class FeatureServiceEndToEndTest {

	private static final String WADDEN_ESSAY = """
			Every spring I walk out at low tide to count the harbour seals resting on the sandbanks of the Wadden Sea. \
			The colony has grown to forty thousand animals since the years when a virus nearly emptied the coast, and \
			the grey seals have come back with them.

			Counting is slow work. You stay downwind, keep three hundred metres away and wait until the pups stop \
			lifting their heads; a seal that has to flee into the water loses the milk it would have drunk. The \
			rangers taught me to read the tide tables the way sailors do and to leave before the gullies fill.

			What the counts tell is less about seals than about patience: the sandbanks move every winter, the \
			animals follow them, and a census is only as good as the person who comes back to the same place, year \
			after year, with the same notebook.""";

	/** A small cap of chunks per document, so that an oversized one is quick to embed. */
	private static final int MAX_CHUNKS = 8;

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final String DEAD_LETTER_QUEUE = AmqpNames.deadLetterQueue(AmqpNames.FEATURE_QUEUE);

	private static final String AUTHOR_ID = Ids.authorId("Jane", "Doe");

	private static final AtomicLong clock = new AtomicLong(1_790_000_000L);

	@TempDir
	static Path dataDir;

	private static TestBroker rabbit;

	private static EmbeddedMongoServer mongo;

	private static ConfigurableApplicationContext service;

	private static CachingConnectionFactory connections;

	private static RabbitTemplate broker;

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static URI baseUri;

	private static URI searchUri;

	@BeforeAll
	static void startService() {
		rabbit = TestBroker.isolated();
		mongo = EmbeddedMongoServer.inMemory();
		service = new SpringApplicationBuilder(FeatureServiceApplication.class, FlakyVectorStore.Configuration.class)
			.run(rabbit.args("--server.address=127.0.0.1", "--feature.failures.initial-backoff=50ms",
					"--feature.failures.max-backoff=100ms", "--feature.failures.pause=1s", "--server.port=0",
					TestApiKey.ARGUMENT, "--spring.mongodb.uri=" + mongo.uri("twin"),
					"--feature.lucene.path=" + dataDir.resolve("lucene"),
					"--feature.chunking.max-chunks-per-document=" + MAX_CHUNKS,
					// Most fixtures are one sentence; a one-word stub is still held back.
					"--feature.quality.min-words.article=2"));
		baseUri = URI.create("http://127.0.0.1:" + service.getEnvironment().getRequiredProperty("local.server.port"));
		searchUri = URI.create(baseUri + "/api/search");
		connections = rabbit.connectionFactory();
		broker = new RabbitTemplate(connections);
	}

	@AfterAll
	static void stopService() {
		// The service first: it must not outlive the virtual host it consumes from.
		if (service != null) {
			service.close();
		}
		if (connections != null) {
			connections.destroy();
		}
		if (rabbit != null) {
			rabbit.close();
		}
		if (mongo != null) {
			mongo.close();
		}
	}

	@Test
	void insertedArticleBecomesSearchable() {
		String link = "https://medium.com/@jane/lighthouse-keepers";
		String documentId = Ids.documentId(link);
		publish(article(Operation.INSERT, link, """
				Keeping a lighthouse is a quiet trade.

				The lighthouse keepers of Lofoten polish the brass lens every winter morning before dawn.

				Storms arrive from the west, and the keepers log the wind every hour."""));

		JsonNode top = await().atMost(WAIT)
			.until(() -> search("Who polishes the lighthouse lens in Lofoten?", 5).get("hits").get(0),
					(hit) -> hit != null && hit.get("documentId").asString().equals(documentId));

		assertThat(top.get("link").asString()).isEqualTo(link);
		assertThat(top.get("authorId").asString()).isEqualTo(AUTHOR_ID);
		assertThat(top.get("type").asString()).isEqualTo("article");
		assertThat(top.get("platform").asString()).isEqualTo("medium");
		assertThat(top.get("chunkIndex").asInt()).isZero();
		assertThat(top.get("text").asString()).contains("polish the brass lens every winter morning");
		assertThat(top.get("score").asDouble()).isPositive();
		JsonNode dense = search("Who polishes the lighthouse lens in Lofoten?", 1, "&mode=dense").get("hits").get(0);
		assertThat(dense.get("documentId").asString()).isEqualTo(documentId);
		assertThat(dense.get("score").asDouble()).as("the cosine similarity").isBetween(0.5, 1.0);

		JsonNode document = getJson("/api/documents/" + documentId);
		assertThat(document.get("link").asString()).isEqualTo(link);
		assertThat(document.get("language").asString()).isEqualTo("en");
		assertThat(document.get("text").asString()).contains("Storms arrive from the west");
		assertThat(document.get("chunks")).hasSize(document.get("chunkCount").asInt());
		assertThat(document.get("chunks").get(0).get("text").asString()).contains("polish the brass lens");
		HttpResponse<String> unknown = get(URI.create(baseUri + "/api/documents/no-such-document"));
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.body()).contains("no-such-document");
		JsonNode queues = getJson("/api/stats").get("queues");
		assertThat(queues.get(AmqpNames.FEATURE_QUEUE).get("consumers").asInt()).isPositive();
		assertThat(queues.has(AmqpNames.deadLetterQueue(AmqpNames.FEATURE_QUEUE))).isTrue();
	}

	/**
	 * The default search is hybrid: a sentence copied from one article finds it first
	 * among articles about the same subject; lexical search finds it by its words alone;
	 * hits collapse to the best chunk per document unless asked not to; the snippet marks
	 * the query's words.
	 */
	@Test
	void searchFindsTheExactWordsCollapsesPerDocumentAndMarksTheWords() {
		String link = "https://jane.blog/p/throughput";
		String documentId = Ids.documentId(link);
		String sentence = "Our ingest node sustained 4.2 GB/s on the NVMe array during the Tromsø test.";
		publish(article(Operation.INSERT, link, sentence + "\n\n" + paragraphs("storage", 8)));
		String other = "https://jane.blog/p/disks";
		publish(article(Operation.INSERT, other,
				"Storage arrays and disk speed: notes on throughput.\n\n" + paragraphs("storage", 2)));
		await().atMost(WAIT).until(() -> textsOf(documentId, sentence).stream().anyMatch((t) -> t.contains(sentence)));
		await().atMost(WAIT).until(() -> !textsOf(Ids.documentId(other), sentence).isEmpty());

		JsonNode hybrid = search(sentence, 5);
		assertThat(hybrid.get("mode").asString()).isEqualTo("hybrid");
		assertThat(search(sentence, 1, "&fusion=RRF").get("hits").get(0).get("documentId").asString())
			.isEqualTo(documentId);
		assertThat(hybrid.get("collapsed").asBoolean()).isTrue();
		assertThat(hybrid.get("hits").get(0).get("documentId").asString()).isEqualTo(documentId);
		assertThat(hybrid.get("hits").valueStream().map((hit) -> hit.get("documentId").asString()).toList())
			.doesNotHaveDuplicates();

		JsonNode lexical = search("4.2 GB/s Tromsø", 5, "&mode=LEXICAL").get("hits").get(0);
		assertThat(lexical.get("documentId").asString()).isEqualTo(documentId);
		JsonNode snippet = lexical.get("snippet");
		String snippetText = snippet.get("text").asString();
		assertThat(snippet.get("highlights")
			.valueStream()
			.map((range) -> snippetText.substring(range.get("start").asInt(), range.get("end").asInt()))
			.toList()).containsExactly("4.2", "GB", "s", "Tromsø");

		assertThat(search("storage", 50, "&mode=lexical&collapse=false").get("hits")
			.valueStream()
			.filter((hit) -> hit.get("documentId").asString().equals(documentId))
			.count()).as("every chunk of the document that holds the word").isGreaterThan(1);
	}

	@Test
	void updateReplacesTheOldTextAndItsStaleChunks() {
		String link = "https://jane.substack.com/p/orchards";
		String documentId = Ids.documentId(link);
		String oldSentence = "Our orchard cooperative in Kent grows forty heritage apple varieties.";
		String newSentence = "The harbour in Bergen hosts a floating fish market every Saturday.";
		publish(article(Operation.INSERT, link, oldSentence + "\n\n" + paragraphs("orchard", 8)));
		await().atMost(WAIT)
			.until(() -> textsOf(documentId, oldSentence).stream().anyMatch((t) -> t.contains(oldSentence)));
		assertThat(hitsOf(documentId, oldSentence)).as("chunks of the first version").hasSizeGreaterThan(1);

		publish(article(Operation.UPDATE, link, newSentence));

		await().atMost(WAIT).until(() -> textsOf(documentId, newSentence).contains(newSentence));
		assertThat(allHits(oldSentence))
			.noneSatisfy((hit) -> assertThat(hit.get("text").asString()).contains("orchard cooperative in Kent"));
		assertThat(hitsOf(documentId, newSentence)).singleElement()
			.satisfies((hit) -> assertThat(hit.get("chunkIndex").asInt()).isZero());
	}

	@Test
	void deleteRemovesEveryChunk() {
		String link = "https://medium.com/@jane/glaciers";
		String documentId = Ids.documentId(link);
		String sentence = "Glaciers in Patagonia retreat a little further every summer.";
		publish(article(Operation.INSERT, link, sentence + "\n\n" + paragraphs("glacier", 6)));
		await().atMost(WAIT).until(() -> hitsOf(documentId, sentence).size() > 1);

		publish(article(Operation.DELETE, link, null));

		await().atMost(WAIT).until(() -> hitsOf(documentId, sentence).isEmpty());
	}

	@Test
	void redeliveredChangeAddsNoPoints() {
		VectorStore store = service.getBean(VectorStore.class);
		long before = store.count();
		ChangeEvent event = article(Operation.INSERT, "https://medium.com/@jane/chess",
				"Chess clubs in Armenia teach openings to children from the age of six.");

		publish(event);
		publish(event);
		publishSentinel();

		assertThat(store.count()).isEqualTo(before + 2);
	}

	@Test
	void anOlderEventArrivingLateIsIgnored() {
		String link = "https://medium.com/@jane/tides";
		String documentId = Ids.documentId(link);
		ClusterTime older = nextClusterTime();
		ClusterTime newer = nextClusterTime();
		String current = "Tide tables in Saint-Malo show some of the largest tidal ranges in Europe.";
		publish(article(Operation.INSERT, link, current, newer));
		publish(article(Operation.UPDATE, link, "Volcanic soil in Iceland grows surprisingly sweet carrots.", older));
		publishSentinel();

		assertThat(textsOf(documentId, current)).containsExactly(current);

		publish(article(Operation.DELETE, link, null, older));
		publishSentinel();
		assertThat(textsOf(documentId, current)).containsExactly(current);
	}

	@Test
	void postsAndCodeAreCleanedChunkedAndFilterable() throws Exception {
		String postLink = "https://www.linkedin.com/posts/jane_kayaks";
		String postId = Ids.documentId(postLink);
		publish(new ChangeEvent(UUID.randomUUID().toString(), RawCollections.POSTS, Operation.INSERT, postId,
				Map.of("_id", postId, "platform", "linkedin", "link", postLink, "content",
						"\uD835\uDC0A\uD835\uDC1A\uD835\uDC32\uD835\uDC1A\uD835\uDC24 season \uD83D\uDEA3 is open! "
								+ "We paddle the Norwegian fjords at dawn. Mail jane@example.com to join.",
						"authorId", AUTHOR_ID, "contentHash", "h1", "crawledAt", "2026-11-23T10:15:30Z"),
				nextClusterTime()));
		String fileLink = "https://github.com/jane/tools/blob/abc/retry.py";
		String fileId = Ids.repositoryFileId("repo-1", "retry.py");
		String code = "def retry_with_backoff(call, attempts):\n    for attempt in range(attempts):\n"
				+ "        try:\n            return call()\n        except IOError:\n"
				+ "            time.sleep(2 ** attempt)\n";
		publish(new ChangeEvent(UUID.randomUUID().toString(), RawCollections.REPOSITORY_FILES, Operation.INSERT, fileId,
				Map.of("_id", fileId, "repositoryId", "repo-1", "platform", "github", "path", "retry.py", "language",
						"Python", "link", fileLink, "content", code, "authorId", "someone-else", "contentHash", "h2",
						"crawledAt", "2026-11-23T10:15:30Z"),
				nextClusterTime()));
		publishSentinel();

		JsonNode post = search("kayaking in Norwegian fjords", 5, "&type=post").get("hits").get(0);
		assertThat(post.get("documentId").asString()).isEqualTo(postId);
		assertThat(post.get("type").asString()).isEqualTo("post");
		assertThat(post.get("platform").asString()).isEqualTo("linkedin");
		assertThat(post.get("embeddingModel").asString()).isEqualTo("bge-small-en-v1.5");
		assertThat(post.get("text").asString())
			.isEqualTo("Kayak season is open! We paddle the Norwegian fjords at dawn. Mail [EMAIL] to join.");
		JsonNode file = search("retry a call with exponential backoff", 5, "&type=code").get("hits").get(0);
		assertThat(file.get("documentId").asString()).isEqualTo(fileId);
		assertThat(file.get("text").asString()).isEqualTo(code.strip());
		assertThat(search("kayaking in Norwegian fjords", 50, "&type=code").get("hits")
			.valueStream()
			.map((hit) -> hit.get("type").asString())).containsOnly("code");
		assertThat(search("kayaking", 50, "&authorId=someone-else").get("hits")
			.valueStream()
			.map((hit) -> hit.get("documentId").asString())).containsExactly(fileId);
		assertThat(search("kayaking", 50, "&platform=github&type=post").get("hits").isEmpty()).isTrue();

		HttpResponse<String> export = get(URI.create(baseUri + "/api/export?type=post&authorId=" + AUTHOR_ID));
		assertThat(export.statusCode()).isEqualTo(200);
		assertThat(export.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
		List<JsonNode> lines = export.body().lines().map(TwinJson.mapper()::readTree).toList();
		assertThat(lines).anySatisfy((line) -> {
			assertThat(line.get("id").asString()).isEqualTo(postId);
			assertThat(line.get("type").asString()).isEqualTo("post");
			assertThat(line.get("link").asString()).isEqualTo(postLink);
			assertThat(line.get("text").asString()).startsWith("Kayak season is open!");
		}).allSatisfy((line) -> assertThat(line.get("type").asString()).isEqualTo("post"));

		// A raw document that never reached the store, and stored ones without raw
		// documents
		// (these tests publish changes without writing the raw collections).
		service.getBean(MongoTemplate.class)
			.getCollection(RawCollections.ARTICLES)
			.insertOne(new org.bson.Document("_id", "raw-only"));
		JsonNode stats = getJson("/api/stats");
		JsonNode reconciliation = stats.get("reconciliation");
		assertThat(reconciliation.get("missing").valueStream().map(JsonNode::asString)).containsExactly("raw-only");
		assertThat(reconciliation.get("orphaned").valueStream().map(JsonNode::asString)).contains(postId, fileId);
		assertThat(reconciliation.get("orphanedCount").asInt())
			.isEqualTo(reconciliation.get("storedDocuments").asInt());
		assertThat(stats.get("types").get("post").get("documents").asLong()).isPositive();
		assertThat(stats.get("types").get("code").get("chunks").asLong()).isPositive();
		assertThat(stats.get("lastApplied").get("documentId").asString()).isNotBlank();
	}

	@Test
	void theServiceCountsWhatItEmbedsAndWhatItDeadLetters() {
		MeterRegistry meters = service.getBean(MeterRegistry.class);
		double chunksBefore = meters.counter("feature.chunks.embedded").count();
		double tokensBefore = meters.counter("feature.embedding.tokens").count();
		double appliedBefore = meters.counter("feature.changes.applied", "collection", RawCollections.ARTICLES).count();
		long embedsBefore = meters.timer("feature.stage", "stage", "embed").count();
		double deadBefore = deadLettered(meters);

		publish(article(Operation.INSERT, "https://blog.example.com/counted-" + UUID.randomUUID(),
				"A short article that the service embeds as one chunk of a few dozen tokens."));
		publish("articles.insert", "{\"eventId\": \"broken".getBytes(StandardCharsets.UTF_8),
				UUID.randomUUID().toString());
		publishSentinel();

		await().atMost(WAIT).untilAsserted(() -> assertThat(deadLettered(meters)).isEqualTo(deadBefore + 1));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(
					meters.counter("feature.changes.applied", "collection", RawCollections.ARTICLES).count())
				.isGreaterThanOrEqualTo(appliedBefore + 2));
		double chunks = meters.counter("feature.chunks.embedded").count() - chunksBefore;
		assertThat(chunks).isGreaterThanOrEqualTo(2);
		// Every chunk's tokens plus its two special tokens, and the sentinel's.
		assertThat(meters.counter("feature.embedding.tokens").count() - tokensBefore).isGreaterThan(chunks * 10);
		assertThat(meters.timer("feature.stage", "stage", "embed").count()).isGreaterThan(embedsBefore);
		assertThat(meters.timer("feature.stage", "stage", "vectors").totalTime(TimeUnit.NANOSECONDS)).isPositive();
	}

	@Test
	void poisonMessagesGoToTheDeadLetterQueueAndConsumingGoesOn() {
		byte[] malformed = "{\"eventId\": \"broken".getBytes(StandardCharsets.UTF_8);
		String malformedId = UUID.randomUUID().toString();
		publish("articles.insert", malformed, malformedId);
		ChangeEvent unknown = new ChangeEvent(UUID.randomUUID().toString(), "comments", Operation.INSERT, "c1",
				Map.of("_id", "c1", "text", "Nice post"), nextClusterTime());
		publish(unknown);
		ChangeEvent unmappable = new ChangeEvent(UUID.randomUUID().toString(), RawCollections.ARTICLES,
				Operation.INSERT, "a1", Map.of("_id", "a1", "content", "Text", "crawledAt", "yesterday"),
				nextClusterTime());
		publish(unmappable);
		publishSentinel();

		Map<String, JsonNode> listed = await().atMost(WAIT)
			.until(FeatureServiceEndToEndTest::deadLetters, (letters) -> letters.keySet()
				.containsAll(List.of(malformedId, unknown.eventId(), unmappable.eventId())));
		JsonNode letter = listed.get(malformedId);
		assertThat(letter.get("reason").asString()).startsWith("Malformed change event");
		assertThat(letter.get("exception").asString()).startsWith("tools.jackson");
		assertThat(letter.get("queue").asString()).isEqualTo(AmqpNames.FEATURE_QUEUE);
		assertThat(letter.get("routingKey").asString()).isEqualTo("articles.insert");
		assertThat(letter.get("failedAt").asString()).isNotBlank();

		assertThat(listed.get(unknown.eventId()).get("reason").asString()).contains("Unknown collection 'comments'");
		assertThat(listed.get(unknown.eventId()).get("routingKey").asString()).isEqualTo("comments.insert");
		assertThat(listed.get(unmappable.eventId()).get("reason").asString()).contains("not a valid ArticleDocument");
		// Listing leaves them where they are, with body and properties intact.
		assertThat(deadLetters()).containsKeys(malformedId, unknown.eventId(), unmappable.eventId());
		Message message = await().atMost(WAIT).until(() -> broker.receive(DEAD_LETTER_QUEUE), Objects::nonNull);
		assertThat(message.getMessageProperties().getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
		assertThat(message.getMessageProperties().getContentType()).isEqualTo(MessageProperties.CONTENT_TYPE_JSON);
		assertThat(header(message, AmqpNames.FAILURE_REASON_HEADER)).isNotBlank();
		// Put it back at the end: other tests may list it.
		broker.send("", DEAD_LETTER_QUEUE, message);
	}

	/**
	 * The AMQP side of the bad-input corpus: each hostile message reaches the dead-letter
	 * queue with its reason, and consuming goes on.
	 */
	@Test
	void hostileMessagesAreDeadLetteredWithTheirReason() {
		Map<String, String> expected = new java.util.LinkedHashMap<>();
		String json = new String(
				TwinJson.mapper().writeValueAsBytes(article(Operation.INSERT, "https://a.example/v2", "Text")),
				StandardCharsets.UTF_8);
		expected.put(publishRaw("articles.insert", json, "2"), "schema version 2");
		expected.put(publishRaw("articles.insert", "[1, 2, 3]", null), "Malformed change event");
		expected.put(publishRaw("articles.insert", "", null), "Malformed change event");
		expected.put(publishRaw("articles.insert", "\u0000\u00ff\u00fe garbage", null), "Malformed change event");
		expected.put(publishRaw("articles.insert", "null", null), "JSON null");
		expected.put(publishRaw("articles.insert", json.replace("\"insert\"", "\"truncate\""), null),
				"Malformed change event");
		ChangeEvent timeless = new ChangeEvent(UUID.randomUUID().toString(), RawCollections.ARTICLES, Operation.INSERT,
				"t1", Map.of("_id", "t1"), null);
		publish(timeless);
		expected.put(timeless.eventId(), "carries no cluster time");
		ChangeEvent empty = new ChangeEvent(UUID.randomUUID().toString(), RawCollections.ARTICLES, Operation.INSERT,
				"e1", null, nextClusterTime());
		publish(empty);
		expected.put(empty.eventId(), "carries no document");
		publishSentinel();

		Map<String, JsonNode> letters = await().atMost(WAIT)
			.until(FeatureServiceEndToEndTest::deadLetters, (listed) -> listed.keySet().containsAll(expected.keySet()));
		expected.forEach((eventId, reason) -> assertThat(letters.get(eventId).get("reason").asString()).as(eventId)
			.contains(reason));
	}

	@Test
	void anOversizedDocumentIsEmbeddedUpToTheCapOfChunks() {
		String link = "https://medium.com/@jane/endless";
		String documentId = Ids.documentId(link);
		String first = "Salt marshes on the Wadden Sea flood twice a day with the tide.";
		publish(article(Operation.INSERT, link, first + "\n\n" + paragraphs("marsh", 400)));

		await().atMost(WAIT).until(() -> textsOf(documentId, first).stream().anyMatch((t) -> t.contains(first)));
		// The points are written before the cleaned document: wait for both.
		org.bson.Document cleaned = await().atMost(WAIT)
			.until(() -> service.getBean(org.springframework.data.mongodb.core.MongoTemplate.class)
				.findById(documentId, org.bson.Document.class, "cleaned_documents"), Objects::nonNull);
		assertThat(cleaned.getInteger("chunkCount")).isEqualTo(MAX_CHUNKS);
	}

	@Test
	void changesWithoutFeaturesAreAcknowledged() {
		List<ChangeEvent> events = List.of(RawCollections.USERS, RawCollections.REPOSITORIES)
			.stream()
			.map((collection) -> new ChangeEvent(UUID.randomUUID().toString(), collection, Operation.INSERT, "d1",
					Map.of("_id", "d1"), nextClusterTime()))
			.collect(Collectors.toCollection(java.util.ArrayList::new));
		// An update whose document was deleted before it was read carries none.
		events.add(new ChangeEvent(UUID.randomUUID().toString(), RawCollections.ARTICLES, Operation.UPDATE, "gone",
				null, nextClusterTime()));
		events.forEach(FeatureServiceEndToEndTest::publish);

		publishSentinel();

		assertThat(deadLetters()).doesNotContainKeys(events.stream().map(ChangeEvent::eventId).toArray(String[]::new));
	}

	@Test
	void aStoreOutagePausesConsumptionAndNothingIsDeadLettered() {
		FlakyVectorStore store = service.getBean(FlakyVectorStore.class);
		SimpleMessageListenerContainer container = service.getBean(SimpleMessageListenerContainer.class);
		String link = "https://medium.com/@jane/outage";
		String documentId = Ids.documentId(link);
		String sentence = "Reindeer herders in Finnmark move their herds to the coast in spring.";
		ChangeEvent event = article(Operation.INSERT, link, sentence);
		store.down = true;
		try {
			publish(event);
			await().atMost(WAIT).until(() -> !container.isRunning());
			assertThat(deadLetters()).doesNotContainKey(event.eventId());
		}
		finally {
			store.down = false;
		}
		await().atMost(WAIT).until(() -> textsOf(documentId, sentence).contains(sentence));
		assertThat(container.isRunning()).isTrue();
		assertThat(deadLetters()).doesNotContainKey(event.eventId());
	}

	/**
	 * A consent page and a stub are held back: not searchable, listed with their reason
	 * in the stats (and not as missing), left out of the export unless asked for,
	 * counted.
	 */
	@Test
	void pagesThatAreNotWritingAreHeldBackVisiblyAndNeverEmbedded() {
		String consent = "https://jane.blog/p/consent-wall";
		String stub = "https://jane.blog/p/stub";
		publish(article(Operation.INSERT, consent, "We use cookies to improve your experience. Accept all cookies or "
				+ "manage your consent preferences for the zanzibar archipelago newsletter before you continue."));
		publish(article(Operation.INSERT, stub, "Zanzibar."));
		publishSentinel();

		assertThat(search("zanzibar archipelago", 10, "&mode=lexical").get("hits")).isEmpty();
		JsonNode stats = getJson("/api/stats");
		Map<String, String> held = new java.util.HashMap<>();
		stats.get("heldBack")
			.get("documents")
			.valueStream()
			.forEach((document) -> held.put(document.get("link").asString(), document.get("reason").asString()));
		assertThat(held).containsEntry(consent, "not writing: a cookie or consent page").containsKey(stub);
		assertThat(held.get(stub)).isEqualTo("shorter than 2 words (1)");
		assertThat(stats.get("reconciliation").get("missing").valueStream().map(JsonNode::asString).toList())
			.doesNotContain(Ids.documentId(consent), Ids.documentId(stub));
		HttpResponse<String> exported = get(URI.create(baseUri + "/api/export"));
		assertThat(exported.body()).doesNotContain(consent);
		assertThat(get(URI.create(baseUri + "/api/export?heldBack=true")).body()).contains(consent)
			.contains("\"heldBack\":\"not writing: a cookie or consent page\"");
		assertThat(service.getBean(MeterRegistry.class)
			.get("feature.changes.held-back")
			.tag("kind", "consent-page")
			.counter()
			.count()).isGreaterThanOrEqualTo(1);
	}

	/**
	 * The same essay cross-posted (other furniture around it, a few words edited) is one
	 * work: embedded once, the copy linked to it in the stats and the export, and
	 * embedded in its place when the canonical copy is deleted.
	 */
	@Test
	void nearCopiesOfOneWorkAreEmbeddedOnceAndTheCopyTakesOverWhenTheFirstGoes() {
		String first = "https://medium.com/@jane/wadden-seals-" + UUID.randomUUID();
		String copy = "https://jane.substack.com/p/wadden-seals-" + UUID.randomUUID();
		publish(article(Operation.INSERT, first, WADDEN_ESSAY));
		publish(article(Operation.INSERT, copy,
				"Jane's notebook: essays on coasts and tides\n\n"
						+ WADDEN_ESSAY.replace("forty thousand", "about forty thousand")
							.replace("grey seals", "the grey seals")
						+ "\n\nOriginally published on Medium. Subscribe for the next essay."));
		publishSentinel();

		String query = "harbour seals resting on the sandbanks of the Wadden Sea";
		assertThat(allHits(query).stream().map((hit) -> hit.get("documentId").asString()).distinct())
			.contains(Ids.documentId(first))
			.doesNotContain(Ids.documentId(copy));
		JsonNode copies = getJson("/api/stats").get("nearCopies");
		assertThat(copies.get("documents")
			.valueStream()
			.filter((document) -> document.get("id").asString().equals(Ids.documentId(copy)))
			.map((document) -> document.get("duplicateOf").asString())).containsExactly(Ids.documentId(first));
		assertThat(get(URI.create(baseUri + "/api/export")).body())
			.contains("\"duplicateOf\":\"" + Ids.documentId(first) + "\"");
		assertThat(get(URI.create(baseUri + "/api/export?duplicates=false")).body()).contains(first)
			.doesNotContain(copy);

		publish(article(Operation.DELETE, first, null));
		await().atMost(WAIT).until(() -> !hitsOf(Ids.documentId(copy), query).isEmpty());
		assertThat(hitsOf(Ids.documentId(first), query)).isEmpty();
	}

	/** Each document's language is detected, stored, and filters search and export. */
	@Test
	void theLanguageOfADocumentFiltersSearchAndExport() {
		String german = "https://jane.blog/de/watt-" + UUID.randomUUID();
		publish(article(Operation.INSERT, german, "Im Wattenmeer ruhen die Seehunde bei Ebbe auf den Sandbänken, "
				+ "und wer sie beobachten möchte, hält Abstand und bleibt auf den markierten Wegen."));
		publishSentinel();

		List<JsonNode> hits = search("Seehunde Sandbänke Wattenmeer", 10, "&language=de").get("hits")
			.valueStream()
			.toList();
		assertThat(hits).isNotEmpty()
			.allSatisfy((hit) -> assertThat(hit.get("language").asString()).isEqualTo("de"))
			.anySatisfy((hit) -> assertThat(hit.get("link").asString()).isEqualTo(german));
		assertThat(search("Seehunde Sandbänke Wattenmeer", 10, "&language=fr").get("hits")).isEmpty();
		String exported = get(URI.create(baseUri + "/api/export?language=de")).body();
		assertThat(exported).contains(german).contains("\"language\":\"de\"").doesNotContain("\"language\":\"en\"");
	}

	@Test
	void searchRejectsBadParametersAsProblems() throws Exception {
		for (String query : List.of("", "?k=5", "?q=%20%20", "?q=x&k=0", "?q=x&k=51", "?q=x&k=many", "?q=x&k=-1",
				"?q=x&type=bogus", "?q=x&k=99999999999999", "?q=x&mode=fuzzy", "?q=x&collapse=perhaps",
				"?q=x&fusion=max")) {
			HttpResponse<String> response = get(URI.create(searchUri + query));
			assertThat(response.statusCode()).as(query).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).as(query).hasValue("application/problem+json");
		}
		assertThat(search("anything", 50).get("hits").isArray()).isTrue();
		// A query far beyond the model's window is cut to it, not refused.
		assertThat(search("lighthouse keepers ".repeat(300), 5).get("hits").isArray()).isTrue();
		assertThat(search("\u0000\u0007 <script>alert(1)</script> ' OR 1=1 --", 5).get("hits").isArray()).isTrue();
	}

	/** Dead letters counted so far, over every exception that caused one. */
	private static double deadLettered(MeterRegistry meters) {
		return meters.find("feature.changes.dead-lettered").counters().stream().mapToDouble(Counter::count).sum();
	}

	/**
	 * Publishes an article and waits until it is searchable: the service consumes in
	 * order, so everything published before has been handled.
	 */
	private static void publishSentinel() {
		String link = "https://medium.com/@jane/sentinel-" + UUID.randomUUID();
		publish(article(Operation.INSERT, link,
				"Beekeepers in Slovenia paint their hive fronts with folk scenes, sentinel " + link + "."));
		String documentId = Ids.documentId(link);
		await().atMost(WAIT).until(() -> !hitsOf(documentId, "painted beehive fronts in Slovenia").isEmpty());
	}

	private static ChangeEvent article(Operation operation, String link, String content) {
		return article(operation, link, content, nextClusterTime());
	}

	private static ChangeEvent article(Operation operation, String link, String content, ClusterTime clusterTime) {
		String documentId = Ids.documentId(link);
		Map<String, Object> document = (operation != Operation.DELETE) ? Map.of("_id", documentId, "platform", "medium",
				"link", link, "title", "A title that is not chunked", "content", content, "authorId", AUTHOR_ID,
				"contentHash", ContentHash.of(content), "crawledAt", "2026-11-23T10:15:30Z") : null;
		return new ChangeEvent(UUID.randomUUID().toString(), RawCollections.ARTICLES, operation, documentId, document,
				clusterTime);
	}

	private static String paragraphs(String topic, int count) {
		return IntStream.range(0, count)
			// The topic in most of each paragraph's word triples: documents of different
			// topics
			// are not near-copies of one another.
			.mapToObj((i) -> ("Paragraph " + i + " of the " + topic + " notes: the " + topic + " log for day " + i
					+ " says the " + topic + " work went on. ")
				.repeat(4))
			.collect(Collectors.joining("\n\n"));
	}

	private static ClusterTime nextClusterTime() {
		return new ClusterTime(clock.incrementAndGet(), 1);
	}

	private static void publish(ChangeEvent event) {
		publish(event.routingKey(), TwinJson.mapper().writeValueAsBytes(event), event.eventId());
	}

	/** A message as given, with a schema version header when one is given; its id. */
	private static String publishRaw(String routingKey, String body, String schemaVersion) {
		String messageId = UUID.randomUUID().toString();
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setMessageId(messageId);
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		if (schemaVersion != null) {
			properties.setHeader(AmqpNames.SCHEMA_VERSION_HEADER, schemaVersion);
		}
		broker.send(AmqpNames.RAW_CHANGES, routingKey, new Message(body.getBytes(StandardCharsets.UTF_8), properties));
		return messageId;
	}

	/** As the CDC service publishes: persistent JSON, the event id as message id. */
	private static void publish(String routingKey, byte[] body, String messageId) {
		Message message = MessageBuilder.withBody(body)
			.setContentType(MessageProperties.CONTENT_TYPE_JSON)
			.setMessageId(messageId)
			.setDeliveryMode(MessageDeliveryMode.PERSISTENT)
			.setHeader(AmqpNames.SCHEMA_VERSION_HEADER, AmqpNames.SCHEMA_VERSION)
			.build();
		broker.send(AmqpNames.RAW_CHANGES, routingKey, message);
	}

	/** The dead letters as GET /api/dlq lists them, by event id. */
	private static Map<String, JsonNode> deadLetters() {
		JsonNode body = getJson("/api/dlq?limit=1000");
		Map<String, JsonNode> letters = new java.util.LinkedHashMap<>();
		body.get("deadLetters")
			.valueStream()
			.forEach((letter) -> letters.put(letter.get("eventId").asString(), letter));
		assertThat(body.get("count").asInt()).isEqualTo(letters.size());
		return letters;
	}

	private static JsonNode getJson(String path) {
		HttpResponse<String> response = get(URI.create(baseUri + path));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return TwinJson.mapper().readTree(response.body());
	}

	private static String header(Message message, String name) {
		return Objects.toString(message.getMessageProperties().getHeaders().get(name), null);
	}

	/** Every stored chunk, nearest first: the index holds fewer than 50 points. */
	private static List<JsonNode> allHits(String query) {
		JsonNode hits = search(query, 50, "&mode=dense&collapse=false").get("hits");
		assertThat(hits.size()).as("hits: the index must hold fewer points than k").isLessThan(50);
		return hits.valueStream().toList();
	}

	private static List<JsonNode> hitsOf(String documentId, String query) {
		return allHits(query).stream().filter((hit) -> hit.get("documentId").asString().equals(documentId)).toList();
	}

	private static List<String> textsOf(String documentId, String query) {
		return hitsOf(documentId, query).stream().map((hit) -> hit.get("text").asString()).toList();
	}

	private static JsonNode search(String query, int k) {
		return search(query, k, "");
	}

	private static JsonNode search(String query, int k, String filters) {
		URI uri = URI
			.create(searchUri + "?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&k=" + k + filters);
		HttpResponse<String> response = get(uri);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = TwinJson.mapper().readTree(response.body());
		assertThat(body.get("query").asString()).isEqualTo(query);
		return body;
	}

	private static HttpResponse<String> get(URI uri) {
		HttpRequest request = HttpRequest.newBuilder()
			.header(TestApiKey.HEADER, TestApiKey.KEY)
			.uri(uri)
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build();
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
