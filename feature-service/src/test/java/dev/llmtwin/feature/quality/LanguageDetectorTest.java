package dev.llmtwin.feature.quality;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.llmtwin.feature.FeatureType;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageDetectorTest {

	private static final LanguageDetector detector = new LanguageDetector();

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			en | Keeping a vector index honest means applying every change the database reports, in order.
			de | Die Verarbeitung von Änderungen erfolgt in der Reihenfolge, in der die Datenbank sie meldet.
			fr | Le traitement des changements se fait dans l'ordre où la base de données les signale.
			pl | Przetwarzanie zmian odbywa się w kolejności, w jakiej baza danych je zgłasza.
			es | El índice se mantiene fiel a la base de datos si aplica cada cambio en el orden en que llega.
			zh | 变更按照数据库报告的顺序进行处理，这样索引就能保持一致，重启之后也不会丢失任何变更。""")
	void namesTheLanguageOfAnArticleByItsTwoLetterCode(String language, String text) {
		assertThat(detector.detect(text, FeatureType.ARTICLE)).hasValue(language);
	}

	@Test
	void leavesTooShortTextsAndCodeWithoutALanguage() {
		assertThat(detector.detect("Shipped it!", FeatureType.POST)).isEmpty();
		assertThat(detector.detect("ok", FeatureType.ARTICLE)).isEmpty();
		assertThat(detector.detect("Keeping a vector index honest means applying every change in order.",
				FeatureType.CODE))
			.isEmpty();
	}

}
