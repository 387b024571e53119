package dev.llmtwin.feature.quality;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.llmtwin.feature.FeatureType;

import static org.assertj.core.api.Assertions.assertThat;

class QualityGateTest {

	private static final String ESSAY = """
			Keeping a vector index honest means applying every change the database reports, in order, and
			proving afterwards that the two agree. We use cookies of a different kind in the office kitchen,
			and I log in to the dashboard every morning, but this is an essay about change streams, resume
			tokens and the discipline of idempotent writes that make a replay harmless.""";

	private final QualityGate gate = new QualityGate(new QualityProperties(Map.of(), 300));

	@Test
	void anEssayThatMentionsCookiesAndALoginInPassingIsEmbedded() {
		assertThat(this.gate.heldBack(ESSAY, FeatureType.ARTICLE)).isEmpty();
	}

	@Test
	void aShortPageNeedsOnePhraseALongerOneTwo() {
		String filler = " The harbour was quiet that evening and the boats rocked gently at their moorings.".repeat(5);
		assertThat(this.gate.heldBack("Sign in to continue." + filler, FeatureType.ARTICLE)).isEmpty();
		assertThat(this.gate.heldBack("Sign in to continue." + filler + " Already a member? Sign in.",
				FeatureType.ARTICLE))
			.map(QualityGate.HeldBack::kind)
			.hasValue("login-wall");
		assertThat(this.gate.heldBack("Sign in to continue reading what Jane wrote about the harbour at dusk, "
				+ "the boats and the quiet evening there.", FeatureType.ARTICLE))
			.map(QualityGate.HeldBack::kind)
			.hasValue("login-wall");
		QualityGate lenient = new QualityGate(new QualityProperties(Map.of(), 20));
		assertThat(
				lenient.heldBack("Sign in to continue." + filler + " Already a member? Sign in.", FeatureType.ARTICLE))
			.isEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			Coming soon.                                                                        | too-short
			Sign in to continue reading this story. Members get unlimited access to every article we publish, \
			all year long, with no ads and early previews. | login-wall
			We use cookies to improve your experience. Accept all cookies or manage your consent preferences \
			below before you continue to the site and its content. | consent-page
			Page not found. The page you are looking for may have been moved, renamed or deleted; try the \
			search box or go back to the home page of this site. | error-page""")
	void pagesThatAreNotWritingAreHeldBackWithTheirKind(String text, String kind) {
		assertThat(this.gate.heldBack(text, FeatureType.ARTICLE)).hasValueSatisfying((held) -> {
			assertThat(held.kind()).isEqualTo(kind);
			assertThat(held.reason()).isNotBlank();
		});
	}

	@Test
	void aTableOfShortCellsBesideItsParagraphsIsWriting() {
		String table = IntStream.range(0, 40)
			.mapToObj((i) -> "Player " + i + "\n" + (60 - i) + "\n" + (85 - i) + "%")
			.collect(Collectors.joining("\n"));
		assertThat(this.gate.heldBack("Below, the snap counts of the defence.\n\n" + table + "\n\n" + ESSAY,
				FeatureType.ARTICLE))
			.isEmpty();
	}

	@Test
	void aJapaneseArticleIsMeasuredInWordsNotSpaces() {
		String japanese = "先日、不正に改造したiPhoneを販売したとして、商標法違反の疑いで男性が逮捕されたというニュースを耳にしました。"
				+ "通常、権利者により正規のルートで販売された商品をそのまま転売する場合は、商標権侵害にはなりません。";
		assertThat(this.gate.heldBack(japanese, FeatureType.ARTICLE)).isEmpty();
		assertThat(this.gate.heldBack("ニュースです。", FeatureType.ARTICLE)).map(QualityGate.HeldBack::kind)
			.hasValue("too-short");
	}

	@Test
	void eachTypeHasItsOwnMinimumAndOnlyArticlesAreCheckedForPageFurniture() {
		assertThat(this.gate.heldBack("Shipped it!", FeatureType.POST)).map(QualityGate.HeldBack::kind)
			.hasValue("too-short");
		assertThat(this.gate.heldBack("Sign in to continue, friends.", FeatureType.POST)).isEmpty();
		assertThat(this.gate.heldBack("x = 1", FeatureType.CODE)).isEmpty();
		QualityGate strict = new QualityGate(new QualityProperties(Map.of(FeatureType.CODE, 5), 300));
		assertThat(strict.heldBack("x = 1", FeatureType.CODE)).isPresent();
	}

}
