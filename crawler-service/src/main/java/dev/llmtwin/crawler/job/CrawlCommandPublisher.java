package dev.llmtwin.crawler.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

import dev.llmtwin.model.AmqpNames;
import dev.llmtwin.model.CrawlCommand;

/**
 * Publishes crawl commands to {@code crawl.commands} and waits for the broker's publisher
 * confirms, so that a 202 means every link is safely queued.
 */
@Component
class CrawlCommandPublisher {

	private static final Logger log = LoggerFactory.getLogger(CrawlCommandPublisher.class);

	private final RabbitTemplate rabbit;

	private final PublishProperties properties;

	CrawlCommandPublisher(RabbitTemplate rabbit, PublishProperties properties) {
		this.rabbit = rabbit;
		this.properties = properties;
	}

	/**
	 * Publishes all commands, then waits for their confirms together.
	 * @return the commands the broker did not take, with the reason
	 */
	List<Failure> publish(List<CrawlCommand> commands) {
		List<Failure> failures = new ArrayList<>();
		Map<CrawlCommand, CorrelationData> pending = new LinkedHashMap<>();
		for (CrawlCommand command : commands) {
			String messageId = UUID.randomUUID().toString();
			CorrelationData correlation = new CorrelationData(messageId);
			try {
				this.rabbit.convertAndSend(AmqpNames.CRAWL_COMMANDS, command.source().routingKey(), command,
						(message) -> {
							MessageProperties props = message.getMessageProperties();
							props.setMessageId(messageId);
							props.setCorrelationId(command.jobId());
							props.setHeader(AmqpNames.SCHEMA_VERSION_HEADER, AmqpNames.SCHEMA_VERSION);
							return message;
						}, correlation);
				pending.put(command, correlation);
			}
			catch (AmqpException ex) {
				log.warn("Cannot publish the crawl command for link {}", command.linkIndex(), ex);
				failures.add(new Failure(command.linkIndex(), "message broker unavailable: " + ex.getMessage()));
			}
		}
		long deadline = System.nanoTime() + this.properties.confirmTimeout().toNanos();
		pending.forEach((command, correlation) -> {
			String reason = awaitConfirm(correlation, deadline);
			if (reason != null) {
				failures.add(new Failure(command.linkIndex(), reason));
			}
		});
		return failures;
	}

	/**
	 * Waits for one confirm; returns why the broker did not take the message, or null.
	 */
	private String awaitConfirm(CorrelationData correlation, long deadline) {
		try {
			CorrelationData.Confirm confirm = correlation.getFuture()
				.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			// A return arrives before the confirm of the same message, so it is set by
			// now.
			ReturnedMessage returned = correlation.getReturned();
			if (returned != null) {
				return "message broker returned the command: " + returned.getReplyCode() + " "
						+ returned.getReplyText();
			}
			if (confirm.ack()) {
				return null;
			}
			return "message broker rejected the command" + ((confirm.reason() != null) ? ": " + confirm.reason() : "");
		}
		catch (TimeoutException ex) {
			return "message broker did not confirm the command within " + this.properties.confirmTimeout().toMillis()
					+ " ms";
		}
		catch (ExecutionException ex) {
			return "message broker did not confirm the command: " + ex.getCause().getMessage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted while waiting for the message broker's confirm";
		}
	}

	record Failure(int linkIndex, String reason) {
	}

}
