package dev.llmtwin.model;

import java.util.Map;

/** Exchange, queue and header names of the AMQP topology (DESIGN.md, "AMQP topology"). */
public final class AmqpNames {

	public static final String CRAWL_COMMANDS = "crawl.commands";

	public static final String RAW_CHANGES = "raw.changes";

	public static final String FEATURE_QUEUE = "feature.raw-changes";

	public static final String SCHEMA_VERSION_HEADER = "schemaVersion";

	public static final int SCHEMA_VERSION = 1;

	/** Header on a dead-lettered message: why it failed. */
	public static final String FAILURE_REASON_HEADER = "x-failure-reason";

	/** Header on a dead-lettered message: the exception class. */
	public static final String FAILURE_EXCEPTION_HEADER = "x-failure-exception";

	/** Header on a dead-lettered message: the queue it came from. */
	public static final String FAILURE_QUEUE_HEADER = "x-failure-queue";

	/** Header on a dead-lettered message: when it failed (ISO-8601). */
	public static final String FAILURE_TIME_HEADER = "x-failed-at";

	/** Header on a dead-lettered message: the routing key it was first published with. */
	public static final String FAILURE_ROUTING_KEY_HEADER = "x-original-routing-key";

	private AmqpNames() {
	}

	public static String crawlQueue(Source source) {
		return "crawl." + source.routingKey();
	}

	public static String deadLetterQueue(String queue) {
		return queue + ".dlq";
	}

	public static String rawChangeRoutingKey(String collection, Operation operation) {
		return collection + "." + operation.wireName();
	}

	/**
	 * Arguments for a work queue: quorum queues on RabbitMQ; none on brokers that only
	 * know classic queues (the embedded Qpid broker).
	 */
	public static Map<String, Object> workQueueArguments(boolean quorum) {
		return quorum ? Map.of("x-queue-type", "quorum") : Map.of();
	}

}
