package dev.llmtwin.feature.change;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.core.JacksonException;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.stereotype.Component;

import dev.llmtwin.model.ChangeEvent;
import dev.llmtwin.model.TwinJson;
import dev.llmtwin.support.MdcKeys;

/**
 * Consumes {@code feature.raw-changes}. Returning acknowledges the message, so it returns
 * only after the vector store holds the result or the message is in the dead-letter
 * queue; any other failure propagates and the broker delivers the message again.
 * <p>
 * A plain {@link MessageListener}, not a {@code @RabbitListener} method: those convert
 * the body before the method runs, and a body that is not JSON would be rejected and
 * dropped there instead of reaching the dead-letter queue.
 */
@Component
class RawChangeListener implements MessageListener {

	private static final Logger logger = LoggerFactory.getLogger(RawChangeListener.class);

	private final RawChangeHandler handler;

	private final DeadLetterPublisher deadLetters;

	RawChangeListener(RawChangeHandler handler, DeadLetterPublisher deadLetters) {
		this.handler = handler;
		this.deadLetters = deadLetters;
	}

	@Override
	public void onMessage(Message message) {
		// The message id is the event id; it names the message in the logs before the
		// body is parsed (and when it cannot be).
		MDC.put(MdcKeys.EVENT_ID, message.getMessageProperties().getMessageId());
		try {
			ChangeEvent event = parse(message);
			MDC.put(MdcKeys.EVENT_ID, event.eventId());
			this.handler.handle(event);
		}
		catch (UnprocessableChangeException ex) {
			logger.warn("Dead-lettering {}: {}", message.getMessageProperties().getReceivedRoutingKey(),
					ex.getMessage());
			this.deadLetters.publish(message, ex.getMessage(), (ex.getCause() instanceof Exception cause) ? cause : ex);
		}
		finally {
			MDC.remove(MdcKeys.EVENT_ID);
		}
	}

	private static ChangeEvent parse(Message message) {
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

}
