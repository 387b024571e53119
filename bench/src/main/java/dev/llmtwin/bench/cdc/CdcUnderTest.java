package dev.llmtwin.bench.cdc;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.llmtwin.bench.Benchmark;
import dev.llmtwin.bench.MongoServerProcess;
import dev.llmtwin.cdc.CdcApplication;
import dev.llmtwin.model.AmqpNames;
import dev.llmtwin.model.RawCollections;
import dev.llmtwin.testing.LocalRabbitMq;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the CDC benchmarks share: cdc-service started in this JVM against the embedded
 * server's process and a virtual host of its own on the local RabbitMQ, a queue bound to
 * every raw change, and the service's confirmed count.
 */
final class CdcUnderTest {

	/** Bound to {@code raw.changes} with {@code #}: receives every change published. */
	static final String QUEUE = "bench.raw-changes";

	private CdcUnderTest() {
	}

	static ConfigurableApplicationContext start(MongoServerProcess mongo, LocalRabbitMq rabbit) {
		return new SpringApplicationBuilder(CdcApplication.class).bannerMode(Banner.Mode.OFF)
			.run("--server.port=0", Benchmark.SERVICE_API_KEY_ARGUMENT,
					"--spring.mongodb.uri=" + mongo.uri(RawCollections.DATABASE),
					"--spring.rabbitmq.host=" + LocalRabbitMq.HOST, "--spring.rabbitmq.port=" + LocalRabbitMq.PORT,
					"--spring.rabbitmq.username=" + LocalRabbitMq.USERNAME,
					"--spring.rabbitmq.password=" + LocalRabbitMq.PASSWORD,
					"--spring.rabbitmq.virtual-host=" + rabbit.virtualHost(), "--logging.level.root=WARN");
	}

	static Connection connect(LocalRabbitMq rabbit, String name) throws IOException, TimeoutException {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(LocalRabbitMq.HOST);
		factory.setPort(LocalRabbitMq.PORT);
		factory.setUsername(LocalRabbitMq.USERNAME);
		factory.setPassword(LocalRabbitMq.PASSWORD);
		factory.setVirtualHost(rabbit.virtualHost());
		return factory.newConnection(name);
	}

	/**
	 * Declares the topology and {@link #QUEUE}; the channel stays open for admin work.
	 */
	static Channel declareQueue(Connection amqp) throws IOException {
		Channel admin = amqp.createChannel();
		admin.exchangeDeclare(AmqpNames.RAW_CHANGES, "topic", true);
		admin.queueDeclare(QUEUE, true, false, false, null);
		admin.queueBind(QUEUE, AmqpNames.RAW_CHANGES, "#");
		return admin;
	}

	/**
	 * Changes of the articles stream the broker has confirmed since the service started.
	 */
	static double confirmed(ConfigurableApplicationContext app) {
		return app.getBean(MeterRegistry.class)
			.get("cdc.changes.confirmed")
			.tag("stream", RawCollections.ARTICLES)
			.counter()
			.count();
	}

	static void await(BooleanSupplier done, Duration within, String what) throws InterruptedException {
		long deadline = System.nanoTime() + within.toNanos();
		while (!done.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(what + " did not happen within " + within);
			}
			Thread.sleep(5);
		}
	}

}
