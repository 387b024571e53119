package dev.llmtwin.feature.document;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintTest {

	private static final String ESSAY = """
			A change stream is only as reliable as the place you keep its resume token. Store the token after the \
			change has reached the broker, not before, or a crash between the two loses the change for good. Store \
			it too late and a restart replays a few changes, which is harmless when every consumer is idempotent.

			That is why the consumer keys every write by the document and the position of the change: a replay \
			overwrites what it wrote the first time, and an older change that arrives late is recognised and \
			ignored. The vector index then stays a faithful image of the database, whatever the order of restarts.""";

	@Test
	void aCrossPostedCopyWithOtherFurnitureAndSmallEditsIsSimilarAndSharesABand() {
		String copy = "Jane's newsletter: notes on data systems\n\n"
				+ ESSAY.replace("for good", "forever").replace("a few changes", "some changes")
				+ "\n\nThanks for reading! Subscribe for free to receive new posts.";
		Fingerprint original = Fingerprint.of(ESSAY);
		Fingerprint crossPosted = Fingerprint.of(copy);

		assertThat(original.similarity(crossPosted)).isGreaterThanOrEqualTo(0.7);
		assertThat(Arrays.stream(original.bands())
			.anyMatch((band) -> Arrays.stream(crossPosted.bands()).anyMatch((other) -> other == band))).isTrue();
		assertThat(original.similarity(Fingerprint.of(ESSAY.toUpperCase()))).as("case does not matter").isEqualTo(1.0);
	}

	@Test
	void anotherEssayOnTheSameSubjectIsNotSimilar() {
		String other = """
				Resume tokens are opaque to the application, but a real one carries the cluster time of its change. \
				Reading that time out of the token lets an operator see how far behind a stream is without asking \
				the server, and lets a snapshot start exactly where the stream will pick up.""";
		assertThat(Fingerprint.of(ESSAY).similarity(Fingerprint.of(other))).isLessThan(0.2);
	}

	@Test
	void aTextTooShortForOneShingleHasNoFingerprint() {
		assertThat(Fingerprint.of("Shipped it")).isNull();
		assertThat(Fingerprint.of("Shipped it today")).isNotNull();
	}

}
