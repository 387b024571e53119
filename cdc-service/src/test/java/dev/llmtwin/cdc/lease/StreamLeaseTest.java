package dev.llmtwin.cdc.lease;

import java.time.Duration;

import com.mongodb.client.MongoCollection;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.llmtwin.cdc.EmbeddedMongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The lease against the embedded MongoDB server: one holder at a time, taken over once
 * expired.
 */
class StreamLeaseTest {

	private final EmbeddedMongo mongo = new EmbeddedMongo();

	private final MongoCollection<BsonDocument> leases = this.mongo.collection(StreamLeases.COLLECTION);

	@AfterEach
	void close() {
		this.mongo.close();
	}

	@Test
	void oneInstanceHoldsTheLeaseWhileItRenewsIt() {
		StreamLease first = lease("a", Duration.ofSeconds(30), Duration.ZERO);
		StreamLease second = lease("b", Duration.ofSeconds(30), Duration.ZERO);

		assertThat(first.acquire()).isTrue();
		assertThat(second.acquire()).isFalse();
		assertThat(second.held()).isFalse();
		first.renewIfDue();
		assertThat(first.acquire()).as("taken again by its holder").isTrue();
		assertThat(this.leases.countDocuments()).isOne();
	}

	@Test
	void anExpiredLeaseIsTakenOverAndItsFormerHolderLearnsOnRenewal() throws InterruptedException {
		StreamLease first = lease("a", Duration.ofMillis(100), Duration.ZERO);
		StreamLease second = lease("b", Duration.ofSeconds(30), Duration.ZERO);
		assertThat(first.acquire()).isTrue();

		Thread.sleep(150);

		assertThat(second.acquire()).isTrue();
		assertThatExceptionOfType(LeaseLostException.class).isThrownBy(first::renewIfDue)
			.withMessageContaining("articles");
		assertThat(first.held()).isFalse();
	}

	@Test
	void aReleasedLeaseIsFreeAtOnceButOnlyItsHolderCanReleaseIt() {
		StreamLease first = lease("a", Duration.ofSeconds(30), Duration.ZERO);
		StreamLease second = lease("b", Duration.ofSeconds(30), Duration.ZERO);
		assertThat(first.acquire()).isTrue();

		second.release();
		assertThat(second.acquire()).as("a release by a non-holder changes nothing").isFalse();
		first.release();

		assertThat(first.held()).isFalse();
		assertThat(second.acquire()).isTrue();
	}

	@Test
	void renewsOnlyOnceTheRenewIntervalHasPassed() {
		StreamLease first = lease("a", Duration.ofSeconds(30), Duration.ofHours(1));
		StreamLease second = lease("b", Duration.ofSeconds(30), Duration.ZERO);
		assertThat(first.acquire()).isTrue();
		this.leases.deleteMany(new BsonDocument());
		assertThat(second.acquire()).isTrue();

		first.renewIfDue();

		assertThat(first.held()).as("not due: it does not learn of the takeover yet").isTrue();
	}

	@Test
	void leasesOfDifferentStreamsAreIndependent() {
		StreamLease articles = lease("a", Duration.ofSeconds(30), Duration.ZERO);
		StreamLease posts = new StreamLease(this.leases, "posts", "b", Duration.ofSeconds(30), Duration.ZERO);

		assertThat(articles.acquire()).isTrue();
		assertThat(posts.acquire()).isTrue();
	}

	private StreamLease lease(String owner, Duration ttl, Duration renewInterval) {
		return new StreamLease(this.leases, "articles", owner, ttl, renewInterval);
	}

}
