package dev.llmtwin.bench.fleet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetrievalSentenceTest {

	@Test
	void theMiddleSentenceOfEightToFortyWordsIsTheQuery() {
		String text = "Short one. The first sentence that is long enough to be chosen as a query here. "
				+ "The second sentence that is long enough to be chosen as a query here. "
				+ "The third sentence that is long enough to be chosen as a query here.";

		assertThat(RetrievalBenchmark.sentence(text))
			.isEqualTo("The second sentence that is long enough to be chosen as a query here.");
	}

	@Test
	void chineseTextIsCutAtItsOwnFullStops() {
		String text = "翱翔于距地球数千公里的太空中，进入广袤漆黑的未知领域，是一项艰苦卓绝的工作。" + "这让人感到巨大压力和极度恐慌，宇航员需要长时间的训练才能适应。"
				+ "那么，为什么不能让宇航员来一杯鸡尾酒来放松一下呢？";

		assertThat(RetrievalBenchmark.sentence(text)).isEqualTo("这让人感到巨大压力和极度恐慌，宇航员需要长时间的训练才能适应。");
	}

	@Test
	void withoutSentencesTheQueryStillFitsASearchLink() {
		String text = "字".repeat(5_000);

		assertThat(RetrievalBenchmark.sentence(text)).hasSize(300);
	}

}
