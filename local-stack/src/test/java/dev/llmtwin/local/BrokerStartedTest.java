package dev.llmtwin.local;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.support.GenericApplicationContext;

import dev.llmtwin.embedded.EmbeddedAmqpBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrokerStartedTest {

	private final CompletableFuture<EmbeddedAmqpBroker> starting = new CompletableFuture<>();

	private final AtomicBoolean consumersStarted = new AtomicBoolean();

	private final AtomicBoolean brokerUpWhenConsumersStarted = new AtomicBoolean();

	@Test
	void theServicesConsumersStartOnlyOnceTheBrokerListens() throws InterruptedException {
		try (GenericApplicationContext service = serviceWithConsumers()) {
			Thread refreshing = Thread.ofPlatform().start(service::refresh);
			awaitParked(refreshing);
			assertThat(this.consumersStarted).isFalse();

			this.starting.complete(null);
			assertThat(refreshing.join(Duration.ofSeconds(10))).isTrue();
			assertThat(this.consumersStarted).isTrue();
			assertThat(this.brokerUpWhenConsumersStarted).isTrue();
		}
	}

	@Test
	void aBrokerThatCouldNotStartFailsTheServiceWithItsReason() {
		this.starting
			.completeExceptionally(new IllegalStateException("Cannot start the embedded AMQP broker on port 5682"));
		try (GenericApplicationContext service = serviceWithConsumers()) {
			assertThatThrownBy(service::refresh)
				.hasRootCauseMessage("Cannot start the embedded AMQP broker on port 5682");
			assertThat(this.brokerUpWhenConsumersStarted).isFalse();
		}
	}

	/** Until the refresh waits: for the broker, the only thing it can wait for here. */
	private static void awaitParked(Thread refreshing) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (refreshing.getState() != Thread.State.WAITING) {
			assertThat(refreshing.isAlive()).as("the refresh is still running").isTrue();
			assertThat(System.nanoTime()).as("the refresh waits within 10 s").isLessThan(deadline);
			Thread.sleep(10);
		}
	}

	/**
	 * A service as LocalStack starts it: the gate registered before the refresh, a
	 * listener container (a lifecycle bean of the default phase) defined by the service.
	 */
	private GenericApplicationContext serviceWithConsumers() {
		GenericApplicationContext service = new GenericApplicationContext();
		service.getBeanFactory().registerSingleton("brokerStarted", new BrokerStarted(this.starting));
		service.registerBean("listenerContainer", SmartLifecycle.class, () -> new SmartLifecycle() {

			private volatile boolean running;

			@Override
			public void start() {
				BrokerStartedTest.this.consumersStarted.set(true);
				BrokerStartedTest.this.brokerUpWhenConsumersStarted.set(BrokerStartedTest.this.starting.isDone()
						&& !BrokerStartedTest.this.starting.isCompletedExceptionally());
				this.running = true;
			}

			@Override
			public void stop() {
				this.running = false;
			}

			@Override
			public boolean isRunning() {
				return this.running;
			}

		});
		return service;
	}

}
