package dev.llmtwin.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.llmtwin.model.RawCollections;

/**
 * Inserts, updates and deletes articles in MongoDB on its own thread, a few per second,
 * as crawlers and people editing do, and retries each change until MongoDB takes it.
 * Counts the changes per document, to check later that each one was published.
 */
final class ChangeWorkload implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ChangeWorkload.class);

	private static final String[] WORDS = { "harbour", "lighthouse", "ferry", "tide", "granite", "quay", "mackerel",
			"gull", "breakwater", "fog", "keel", "lantern", "rope", "storm", "pier", "shingle" };

	private final MongoClient client;

	private final MongoCollection<Document> articles;

	private final Random random = new Random(42);

	private final List<String> live = new ArrayList<>();

	private final Map<String, AtomicInteger> changesPerDocument = new ConcurrentHashMap<>();

	private final AtomicInteger changes = new AtomicInteger();

	private final Thread thread;

	private volatile boolean running = true;

	private int next;

	ChangeWorkload(String mongoUri, Duration pause) {
		this.client = MongoClients.create(MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString(mongoUri))
			.applyToClusterSettings((cluster) -> cluster.serverSelectionTimeout(2, TimeUnit.SECONDS))
			.applyToSocketSettings(
					(socket) -> socket.connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS))
			.build());
		this.articles = this.client.getDatabase(RawCollections.DATABASE).getCollection(RawCollections.ARTICLES);
		this.thread = Thread.ofPlatform().name("chaos-workload").start(() -> {
			while (this.running) {
				changeOne();
				Pauses.sleep(pause);
			}
		});
	}

	/** The changes MongoDB has taken so far. */
	int changes() {
		return this.changes.get();
	}

	/** The changes made to each document. */
	Map<String, Integer> changesPerDocument() {
		Map<String, Integer> counts = new ConcurrentHashMap<>();
		this.changesPerDocument.forEach((id, count) -> counts.put(id, count.get()));
		return counts;
	}

	private void changeOne() {
		double dice = this.random.nextDouble();
		if (this.live.size() < 5 || dice < 0.5) {
			String id = "chaos-" + this.next++;
			if (untilTaken(id, () -> insert(id))) {
				this.live.add(id);
			}
		}
		else if (dice < 0.85) {
			String id = this.live.get(this.random.nextInt(this.live.size()));
			Document version = article(id);
			untilTaken(id, () -> this.articles.replaceOne(Filters.eq("_id", id), version));
		}
		else {
			String id = this.live.get(this.random.nextInt(this.live.size()));
			if (untilTaken(id, () -> this.articles.deleteOne(Filters.eq("_id", id)))) {
				this.live.remove(id);
			}
		}
	}

	private void insert(String id) {
		try {
			this.articles.insertOne(article(id));
		}
		catch (MongoWriteException ex) {
			// A retry of an insert that MongoDB took before the connection broke.
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
		}
	}

	/** Retries the change until MongoDB takes it (counted) or the workload stops. */
	private boolean untilTaken(String id, Runnable change) {
		while (this.running) {
			try {
				change.run();
				this.changesPerDocument.computeIfAbsent(id, (key) -> new AtomicInteger()).incrementAndGet();
				this.changes.incrementAndGet();
				return true;
			}
			catch (MongoException ex) {
				log.debug("MongoDB refused a change, retrying: {}", ex.getMessage());
				Pauses.sleep(Duration.ofMillis(200));
			}
		}
		return false;
	}

	private Document article(String id) {
		StringBuilder content = new StringBuilder();
		for (int sentence = 0; sentence < 3 + this.random.nextInt(4); sentence++) {
			for (int word = 0; word < 8; word++) {
				content.append(WORDS[this.random.nextInt(WORDS.length)]).append(' ');
			}
			content.append(id).append(" version ").append(this.random.nextInt(1_000_000)).append(".\n\n");
		}
		String text = content.toString().strip();
		return new Document("_id", id).append("platform", "web")
			.append("link", "https://chaos.invalid/" + id)
			.append("title", "Chaos " + id)
			.append("content", text)
			.append("authorId", "chaos-author")
			.append("contentHash", sha256(text))
			.append("crawledAt", new Date());
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Stops making changes; one not yet taken is given up and not counted. */
	@Override
	public void close() {
		this.running = false;
		Pauses.join(this.thread, Duration.ofSeconds(30));
		this.client.close();
	}

}
