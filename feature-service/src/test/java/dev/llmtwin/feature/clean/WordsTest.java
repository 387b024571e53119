package dev.llmtwin.feature.clean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WordsTest {

	@Test
	void countsSpacedWordsAndUnspacedCharactersInPairs() {
		assertThat(Words.count("Keeping a vector index honest, in order: 2 times.")).isEqualTo(9);
		assertThat(Words.count("变更按照数据库报告的顺序")).isEqualTo(6);
		assertThat(Words.count("Kindle for PCの起動ホットキー")).isEqualTo(3 + 4);
		assertThat(Words.count(" \n— ")).isZero();
	}

	@Test
	void tokensAreWordsAndSingleUnspacedCharacters() {
		assertThat(Words.tokens("Die Datenbank meldet 42 Änderungen")).containsExactly("Die", "Datenbank", "meldet",
				"42", "Änderungen");
		assertThat(Words.tokens("PCの起動")).containsExactly("PC", "の", "起", "動");
	}

}
