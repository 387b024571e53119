package dev.llmtwin.feature.change;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.llmtwin.feature.pipeline.FailureProperties;
import dev.llmtwin.feature.store.VectorStore;

/**
 * Stops the consumer while a store is down instead of letting every message fail, and
 * starts it again once the vector store answers, checked after each pause. Stopping
 * requeues the unacknowledged messages; nothing is dead-lettered for a store outage.
 */
@Component
class ConsumptionPauser {

	private static final Logger log = LoggerFactory.getLogger(ConsumptionPauser.class);

	private final AbstractMessageListenerContainer container;

	private final VectorStore store;

	private final Duration pause;

	private final AtomicBoolean paused = new AtomicBoolean();

	ConsumptionPauser(AbstractMessageListenerContainer rawChangeListenerContainer, VectorStore store,
			FailureProperties failures) {
		this.container = rawChangeListenerContainer;
		this.store = store;
		this.pause = failures.pause();
	}

	@EventListener
	void onPauseRequest(ConsumptionPauseRequest request) {
		if (this.paused.compareAndSet(false, true)) {
			// Not on the consumer's own thread: stopping waits for it to finish.
			Thread.ofVirtual().name("consumption-pause").start(this::pauseUntilHealthy);
		}
	}

	boolean isPaused() {
		return this.paused.get();
	}

	private void pauseUntilHealthy() {
		this.container.stop();
		log.warn("Consumption paused for {}", this.pause);
		try {
			while (true) {
				Thread.sleep(this.pause);
				try {
					this.store.count();
					break;
				}
				catch (RuntimeException ex) {
					log.warn("The vector store is still down ({}); pausing another {}", ex.toString(), this.pause);
				}
			}
			this.container.start();
			log.info("Consumption resumed");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.paused.set(false);
		}
	}

}
