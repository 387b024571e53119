package dev.llmtwin.model;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdsTest {

	@Test
	void documentIdIsStableVersion5() {
		String id = Ids.documentId("https://example.org/post");

		assertThat(Ids.documentId("https://example.org/post")).isEqualTo(id);
		assertThat(Ids.documentId("https://example.org/other")).isNotEqualTo(id);
		assertThat(UUID.fromString(id).version()).isEqualTo(5);
	}

	@Test
	void authorIdIgnoresCaseAndSpacing() {
		assertThat(Ids.authorId(" Paul ", "Iusztin")).isEqualTo(Ids.authorId("paul", "IUSZTIN"));
		assertThat(Ids.authorId("Paul", "Iusztin")).isNotEqualTo(Ids.authorId("Maxime", "Labonne"));
	}

	@Test
	void pointIdsDifferPerChunk() {
		assertThat(Ids.pointId("d", 0)).isEqualTo(Ids.pointId("d", 0)).isNotEqualTo(Ids.pointId("d", 1));
	}

	@Test
	void repositoryFileIdIsStablePerPath() {
		assertThat(Ids.repositoryFileId("r", "src/A.java")).isEqualTo(Ids.repositoryFileId("r", "src/A.java"))
			.isNotEqualTo(Ids.repositoryFileId("r", "src/B.java"))
			.isNotEqualTo(Ids.repositoryFileId("s", "src/A.java"));
	}

	@Test
	void contentHashSeparatesParts() {
		assertThat(ContentHash.of("ab", "c")).isNotEqualTo(ContentHash.of("a", "bc")).hasSize(64);
	}

}
