package dev.llmtwin.cdc.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmCallback;
import com.rabbitmq.client.MessageProperties;
import com.rabbitmq.client.Return;
import com.rabbitmq.client.ReturnCallback;
import com.rabbitmq.client.ShutdownListener;
import com.rabbitmq.client.ShutdownSignalException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import dev.llmtwin.model.AmqpNames;
import dev.llmtwin.model.ClusterTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The window's confirm logic on a mocked channel, as Spring AMQP tests its publisher
 * callback channel: the broker's acks, nacks, returns and a closing channel are played
 * through the listeners the window registered. Sequence numbers start at 1, as on a
 * channel in confirm mode.
 */
class PublishWindowTest {

	private static final Duration NO_WAIT = Duration.ZERO;

	private final Channel channel = mock(Channel.class);

	private final AtomicLong nextSequence = new AtomicLong(1);

	private ConfirmCallback acks;

	private ConfirmCallback nacks;

	private ReturnCallback returns;

	private ShutdownListener shutdown;

	@BeforeEach
	void channelInConfirmMode() throws IOException {
		when(this.channel.getNextPublishSeqNo()).thenAnswer((call) -> this.nextSequence.get());
		doAnswer((call) -> this.nextSequence.incrementAndGet()).when(this.channel)
			.basicPublish(anyString(), anyString(), anyBoolean(), any(AMQP.BasicProperties.class), any(byte[].class));
	}

	@Test
	void publishesPersistentMandatoryMessagesWithTheEventIdOnTheRawExchange() throws Exception {
		PublishWindow<String> window = open(10, Duration.ofSeconds(5));
		window.publish(change("e1"), "p1", null);

		ArgumentCaptor<AMQP.BasicProperties> properties = ArgumentCaptor.forClass(AMQP.BasicProperties.class);
		verify(this.channel).confirmSelect();
		verify(this.channel).basicPublish(eq(AmqpNames.RAW_CHANGES), eq("articles.insert"), eq(true),
				properties.capture(), any(byte[].class));
		assertThat(properties.getValue().getMessageId()).isEqualTo("e1");
		assertThat(properties.getValue().getDeliveryMode())
			.isEqualTo(MessageProperties.PERSISTENT_BASIC.getDeliveryMode());
		assertThat(properties.getValue().getHeaders()).containsKey(AmqpNames.SCHEMA_VERSION_HEADER);
	}

	@Test
	void aMultipleAckConfirmsEveryChangeUpToItInPublishOrder() throws Exception {
		PublishWindow<String> window = open(10, Duration.ofSeconds(5));
		publish(window, "e1", "e2", "e3");

		this.acks.handle(2, true);

		assertThat(positions(window.takeConfirmed(NO_WAIT))).containsExactly("p1", "p2");
		assertThat(window.size()).isOne();
		this.acks.handle(3, false);
		assertThat(positions(window.takeConfirmed(NO_WAIT))).containsExactly("p3");
		assertThat(window.isEmpty()).isTrue();
	}

	@Test
	void aConfirmGapHoldsBackEverythingAfterIt() throws Exception {
		PublishWindow<String> window = open(10, Duration.ofSeconds(5));
		publish(window, "e1", "e2", "e3");

		this.acks.handle(2, false);
		this.acks.handle(3, false);

		assertThat(window.takeConfirmed(NO_WAIT)).as("the first change is not confirmed yet").isEmpty();
		this.acks.handle(1, false);
		assertThat(positions(window.takeConfirmed(NO_WAIT))).containsExactly("p1", "p2", "p3");
	}

	@Test
	void confirmsBeforeANackAreTakenThenTheNackFailsTheWindow() throws Exception {
		PublishWindow<String> window = open(10, Duration.ofSeconds(5));
		publish(window, "e1", "e2", "e3");

		this.acks.handle(1, false);
		this.nacks.handle(2, false);
		this.acks.handle(3, false);

		assertThat(positions(window.takeConfirmed(NO_WAIT))).containsExactly("p1");
		assertThatExceptionOfType(PublishException.class).isThrownBy(() -> window.takeConfirmed(NO_WAIT))
			.withMessageContaining("nack");
		assertThat(window.size()).as("the nacked change and all after it stay to be published again").isEqualTo(2);
	}

	@Test
	void aMultipleNackFailsAtTheOldestChange() throws Exception {
		PublishWindow<String> window = open(10, Duration.ofSeconds(5));
		publish(window, "e1", "e2");

		this.nacks.handle(2, true);

		assertThatExceptionOfType(PublishException.class).isThrownBy(() -> window.takeConfirmed(NO_WAIT));
		assertThat(window.size()).isEqualTo(2);
	}

	@Test
	void aReturnedChangeIsNotConfirmedEvenThoughTheBrokerAckedIt() throws Exception {
		PublishWindow<String> window = open(10, Duration.ofSeconds(5));
		publish(window, "e1", "e2");

		this.returns.handle(new Return(312, "NO_ROUTE", AmqpNames.RAW_CHANGES, "articles.insert",
				new AMQP.BasicProperties.Builder().messageId("e2").build(), new byte[0]));
		this.acks.handle(2, true);

		assertThat(positions(window.takeConfirmed(NO_WAIT))).containsExactly("p1");
		assertThatExceptionOfType(PublishException.class).isThrownBy(() -> window.takeConfirmed(NO_WAIT))
			.withMessageContaining("No queue is bound")
			.withMessageContaining("312 NO_ROUTE");
	}

	@Test
	void aChangeWithoutAConfirmPastTheTimeoutFailsTheWindow() throws Exception {
		PublishWindow<String> window = open(10, Duration.ofMillis(1));
		publish(window, "e1");
		Thread.sleep(5);

		assertThatExceptionOfType(PublishException.class).isThrownBy(() -> window.takeConfirmed(NO_WAIT))
			.withMessageContaining("No confirm from the broker within");
	}

	@Test
	void aClosedChannelFailsTheWindowWithWhatWasInFlight() throws Exception {
		PublishWindow<String> window = open(10, Duration.ofSeconds(5));
		publish(window, "e1", "e2");

		this.shutdown.shutdownCompleted(new ShutdownSignalException(false, false, null, this.channel));

		assertThatExceptionOfType(PublishException.class).isThrownBy(() -> window.takeConfirmed(NO_WAIT))
			.withMessageContaining("closed (2 in flight)");
	}

	@Test
	void waitsForTheOldestConfirmUpToTheGivenTime() throws Exception {
		PublishWindow<String> window = open(10, Duration.ofSeconds(5));
		publish(window, "e1");
		ConfirmCallback acks = this.acks;
		Thread.ofPlatform().start(() -> {
			try {
				Thread.sleep(50);
				acks.handle(1, false);
			}
			catch (InterruptedException | IOException ex) {
				throw new IllegalStateException(ex);
			}
		});

		assertThat(positions(window.takeConfirmed(Duration.ofSeconds(5)))).containsExactly("p1");
	}

	@Test
	void isFullAtItsCapacity() throws Exception {
		PublishWindow<String> window = open(2, Duration.ofSeconds(5));
		publish(window, "e1");
		assertThat(window.isFull()).isFalse();
		publish(window, "e2");
		assertThat(window.isFull()).isTrue();
		this.acks.handle(1, false);
		window.takeConfirmed(NO_WAIT);
		assertThat(window.isFull()).isFalse();
	}

	@Test
	void aChannelThatCannotTakeTheMessageFailsThePublish() throws Exception {
		PublishWindow<String> window = open(10, Duration.ofSeconds(5));
		doAnswer((call) -> {
			throw new IOException("connection reset");
		}).when(this.channel)
			.basicPublish(anyString(), anyString(), anyBoolean(), any(AMQP.BasicProperties.class), any(byte[].class));

		assertThatExceptionOfType(PublishException.class).isThrownBy(() -> window.publish(change("e1"), "p1", null))
			.withMessageContaining("connection reset");
		assertThat(window.isEmpty()).isTrue();
	}

	private PublishWindow<String> open(int capacity, Duration confirmTimeout) throws IOException {
		PublishWindow<String> window = PublishWindow.on(this.channel, capacity, confirmTimeout);
		ArgumentCaptor<ConfirmCallback> ack = ArgumentCaptor.forClass(ConfirmCallback.class);
		ArgumentCaptor<ConfirmCallback> nack = ArgumentCaptor.forClass(ConfirmCallback.class);
		verify(this.channel).addConfirmListener(ack.capture(), nack.capture());
		this.acks = ack.getValue();
		this.nacks = nack.getValue();
		ArgumentCaptor<ReturnCallback> returned = ArgumentCaptor.forClass(ReturnCallback.class);
		verify(this.channel).addReturnListener(returned.capture());
		this.returns = returned.getValue();
		ArgumentCaptor<ShutdownListener> closed = ArgumentCaptor.forClass(ShutdownListener.class);
		verify(this.channel).addShutdownListener(closed.capture());
		this.shutdown = closed.getValue();
		return window;
	}

	/** Publishes changes e1, e2 … with positions p1, p2 … */
	private static void publish(PublishWindow<String> window, String... eventIds) {
		for (String eventId : eventIds) {
			window.publish(change(eventId), "p" + eventId.substring(1), null);
		}
	}

	private static OutgoingChange change(String eventId) {
		return new OutgoingChange(eventId, "articles.insert", new ClusterTime(1, 1),
				("{\"eventId\":\"" + eventId + "\"}").getBytes(StandardCharsets.UTF_8));
	}

	private static List<String> positions(List<PublishWindow.Confirmed<String>> confirmed) {
		return confirmed.stream().map(PublishWindow.Confirmed::position).toList();
	}

}
