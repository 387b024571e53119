package dev.llmtwin.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB-wire server (mongo-java-server) with its oplog on, so change streams work. On
 * disk it keeps its data in one H2 file; in memory it is for fast tests. Its oplog is an
 * {@link IndexedOplog}: a change-stream poll costs what it returns, not the size of the
 * oplog; a query that pins an id reads it from the id index ({@link IdLookup}).
 */
public final class EmbeddedMongoServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);

	private final MongoServer server;

	private final String connectionString;

	private final int port;

	private final Path file;

	private EmbeddedMongoServer(MongoServer server, String host, int port, Path file) {
		this.server = server;
		this.port = port;
		this.connectionString = "mongodb://" + host + ":" + port;
		this.file = file;
	}

	/** An in-memory server on a free loopback port. */
	public static EmbeddedMongoServer inMemory() {
		return start(new IndexedMemoryBackend(), "127.0.0.1", 0, null);
	}

	/** A server that keeps its data in {@code dataDir/mongo.h2}. */
	public static EmbeddedMongoServer onDisk(Path dataDir, String host, int port) {
		Path file = dataDir.resolve("mongo.h2");
		try {
			Files.createDirectories(dataDir);
			if (Files.exists(file)) {
				waitForClockPast(Files.getLastModifiedTime(file).toInstant());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot prepare the MongoDB data directory " + dataDir, ex);
		}
		return start(new IndexedH2Backend(file), host, port, file);
	}

	private static EmbeddedMongoServer start(MongoBackend backend, String host, int port, Path file) {
		MongoServer server = new MongoServer(backend);
		server.enableOplog();
		try {
			server.bind(host, port);
		}
		catch (RuntimeException ex) {
			server.shutdownNow();
			throw new IllegalStateException("Cannot start the embedded MongoDB server on " + host + ":" + port, ex);
		}
		EmbeddedMongoServer started = new EmbeddedMongoServer(server, host, server.getLocalAddress().getPort(), file);
		log.info("Embedded MongoDB server listening at {} ({})", started.connectionString,
				(file != null) ? "data in " + file.toAbsolutePath() : "in memory");
		return started;
	}

	/**
	 * The oplog's timestamp counter restarts at 1 with the server: a write in the same
	 * second as the last write before the restart would sort before it and a resume from
	 * a stored token would miss it. Waiting until the clock has left that second avoids
	 * it.
	 */
	private static void waitForClockPast(Instant lastWrite) {
		long waitMillis = (lastWrite.getEpochSecond() + 1) * 1000 - System.currentTimeMillis();
		if (waitMillis > 0) {
			try {
				Thread.sleep(waitMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	public int port() {
		return this.port;
	}

	/** {@code mongodb://host:port}, without a database. */
	public String connectionString() {
		return this.connectionString;
	}

	/** The connection string with the given database. */
	public String uri(String database) {
		return this.connectionString + "/" + database;
	}

	@Override
	public void close() {
		this.server.shutdownNow();
		if (this.file != null) {
			log.info("Embedded MongoDB server stopped; data kept in {}", this.file.toAbsolutePath());
		}
	}

}
