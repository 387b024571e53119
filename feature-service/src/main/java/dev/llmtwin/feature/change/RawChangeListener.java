package dev.llmtwin.feature.change;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.core.JacksonException;

import org.springframework.amqp.core.BatchMessageListener;
import org.springframework.amqp.core.Message;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import dev.llmtwin.feature.pipeline.DocumentChange;
import dev.llmtwin.feature.pipeline.FeaturePipeline;
import dev.llmtwin.feature.pipeline.StoreUnavailableException;
import dev.llmtwin.model.AmqpNames;
import dev.llmtwin.model.ChangeEvent;
import dev.llmtwin.model.TwinJson;
import dev.llmtwin.support.MdcKeys;

/**
 * Consumes {@code feature.raw-changes} in batches (up to a size or a short wait).
 * Returning acknowledges the whole batch, so it returns only after the stores hold the
 * result and the poison messages of the batch are in the dead-letter queue. When a store
 * stays down, it asks for consumption to pause and throws: the broker delivers the batch
 * again later.
 * <p>
 * Takes plain {@link Message}s, not converted payloads: a body that is not JSON would be
 * rejected and dropped by a converter instead of reaching the dead-letter queue.
 */
@Component
class RawChangeListener implements BatchMessageListener {

	private static final Logger log = LoggerFactory.getLogger(RawChangeListener.class);

	private final RawChangeHandler handler;

	private final FeaturePipeline pipeline;

	private final DeadLetterPublisher deadLetters;

	private final ApplicationEventPublisher events;

	RawChangeListener(RawChangeHandler handler, FeaturePipeline pipeline, DeadLetterPublisher deadLetters,
			ApplicationEventPublisher events) {
		this.handler = handler;
		this.pipeline = pipeline;
		this.deadLetters = deadLetters;
		this.events = events;
	}

	@Override
	public void onMessageBatch(List<Message> messages) {
		List<DocumentChange> changes = new ArrayList<>(messages.size());
		List<Poison> poison = new ArrayList<>();
		for (Message message : messages) {
			// The message id is the event id; it names the message in the logs before
			// the body is parsed (and when it cannot be).
			MDC.put(MdcKeys.EVENT_ID, message.getMessageProperties().getMessageId());
			try {
				ChangeEvent event = parse(message);
				MDC.put(MdcKeys.EVENT_ID, event.eventId());
				this.handler.toDocumentChange(event).ifPresent(changes::add);
			}
			catch (UnprocessableChangeException ex) {
				log.warn("Dead-lettering {}: {}", message.getMessageProperties().getReceivedRoutingKey(),
						ex.getMessage());
				poison.add(new Poison(message, ex));
			}
			finally {
				MDC.remove(MdcKeys.EVENT_ID);
			}
		}
		try {
			this.pipeline.apply(changes);
		}
		catch (StoreUnavailableException ex) {
			log.error("Pausing consumption: {}", ex.getMessage());
			this.events.publishEvent(new ConsumptionPauseRequest(ex.getMessage()));
			throw ex;
		}
		for (Poison dead : poison) {
			UnprocessableChangeException failure = dead.failure();
			this.deadLetters.publish(dead.message(), failure.getMessage(),
					(failure.getCause() instanceof Exception cause) ? cause : failure);
		}
	}

	private static ChangeEvent parse(Message message) {
		Object version = message.getMessageProperties().getHeader(AmqpNames.SCHEMA_VERSION_HEADER);
		if (version != null && !String.valueOf(AmqpNames.SCHEMA_VERSION).equals(String.valueOf(version).strip())) {
			throw new UnprocessableChangeException("The change event has schema version " + version
					+ ", not the version " + AmqpNames.SCHEMA_VERSION + " this service reads");
		}
		ChangeEvent event;
		try {
			event = TwinJson.mapper().readValue(message.getBody(), ChangeEvent.class);
		}
		catch (JacksonException ex) {
			throw new UnprocessableChangeException("Malformed change event: " + ex.getOriginalMessage(), ex);
		}
		if (event == null) {
			throw new UnprocessableChangeException("Malformed change event: the body is JSON null");
		}
		return event;
	}

	private record Poison(Message message, UnprocessableChangeException failure) {
	}

}
