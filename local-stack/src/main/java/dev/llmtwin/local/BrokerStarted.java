package dev.llmtwin.local;

import java.util.concurrent.CompletableFuture;

import org.springframework.context.SmartLifecycle;

import dev.llmtwin.embedded.EmbeddedAmqpBroker;

/**
 * Holds a service's start until the embedded broker, started beside it, listens: it runs
 * first among the service's lifecycle beans, before the listener containers connect, and
 * after every bean is created, which is the work the broker's start overlaps.
 */
final class BrokerStarted implements SmartLifecycle {

	private final CompletableFuture<EmbeddedAmqpBroker> starting;

	private volatile boolean running;

	BrokerStarted(CompletableFuture<EmbeddedAmqpBroker> starting) {
		this.starting = starting;
	}

	@Override
	public void start() {
		// A broker that failed to start fails the service's start with its reason.
		this.starting.join();
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

	@Override
	public int getPhase() {
		return Integer.MIN_VALUE;
	}

}
