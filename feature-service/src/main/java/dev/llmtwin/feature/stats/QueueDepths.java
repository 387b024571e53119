package dev.llmtwin.feature.stats;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.stereotype.Component;

import dev.llmtwin.model.AmqpNames;

/**
 * The depth of the queues this service consumes, as the broker reports it (a passive
 * declare): the work queue and its dead letters.
 */
@Component
class QueueDepths {

	private static final Logger log = LoggerFactory.getLogger(QueueDepths.class);

	private final AmqpAdmin admin;

	QueueDepths(AmqpAdmin admin) {
		this.admin = admin;
	}

	/** Queue name to depth; a queue the broker does not answer for is left out. */
	Map<String, QueueDepth> depths() {
		Map<String, QueueDepth> depths = new LinkedHashMap<>();
		for (String queue : new String[] { AmqpNames.FEATURE_QUEUE,
				AmqpNames.deadLetterQueue(AmqpNames.FEATURE_QUEUE) }) {
			try {
				QueueInformation information = this.admin.getQueueInfo(queue);
				if (information != null) {
					depths.put(queue, new QueueDepth(information.getMessageCount(), information.getConsumerCount()));
				}
			}
			catch (AmqpException ex) {
				log.debug("Depth of queue {} not read: {}", queue, ex.getMessage());
			}
		}
		return depths;
	}

	/**
	 * @param messages messages ready in the queue
	 * @param consumers consumers attached to it
	 */
	record QueueDepth(long messages, int consumers) {
	}

}
