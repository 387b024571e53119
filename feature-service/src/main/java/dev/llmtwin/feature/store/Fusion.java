package dev.llmtwin.feature.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How hybrid search merges the dense and the lexical ranking into one. Both are the
 * fusions Qdrant's query API offers, so the two stores rank alike.
 */
public enum Fusion {

	/**
	 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): each list adds
	 * {@code 1 / (K + rank)}; only ranks count, so a chunk both searches find comes first
	 * however far apart their scores are.
	 */
	RRF {

		@Override
		Map<String, Float> scores(List<SearchHit> ranking) {
			Map<String, Float> scores = new LinkedHashMap<>();
			for (int rank = 0; rank < ranking.size(); rank++) {
				scores.put(ranking.get(rank).pointId(), 1f / (K + rank + 1));
			}
			return scores;
		}

	},

	/**
	 * Distribution-based score fusion (Qdrant's DBSF): each list's scores are scaled by
	 * their own spread, {@code (score - (mean - 3 sd)) / (6 sd)}, and summed, so a result
	 * far ahead of the rest of its list (the page a quoted sentence comes from, in BM25)
	 * keeps its lead, where rank fusion would weigh it like any first place.
	 */
	DBSF {

		@Override
		Map<String, Float> scores(List<SearchHit> ranking) {
			double mean = ranking.stream().mapToDouble(SearchHit::score).average().orElse(0);
			double variance = ranking.stream()
				.mapToDouble((hit) -> Math.pow(hit.score() - mean, 2))
				.average()
				.orElse(0);
			double spread = 6 * Math.sqrt(variance);
			Map<String, Float> scores = new LinkedHashMap<>();
			for (SearchHit hit : ranking) {
				double scaled = (spread > 0) ? (hit.score() - (mean - spread / 2)) / spread : 0.5;
				scores.put(hit.pointId(), (float) scaled);
			}
			return scores;
		}

	};

	/** The constant of the original paper; Qdrant's rank fusion is given it too. */
	public static final int K = 60;

	/** How deep each list is read before fusing. */
	public static final int DEPTH = 50;

	/** Each hit's contribution from one ranking. */
	abstract Map<String, Float> scores(List<SearchHit> ranking);

	/**
	 * @param k how many hits to return
	 * @param rankings ranked lists of hits, best first; a point in several lists is one
	 * hit
	 * @return the fused list, best first, with the fused score
	 */
	@SafeVarargs
	public final List<SearchHit> fuse(int k, List<SearchHit>... rankings) {
		Map<String, SearchHit> hits = new LinkedHashMap<>();
		Map<String, Float> fused = new LinkedHashMap<>();
		for (List<SearchHit> ranking : rankings) {
			ranking.forEach((hit) -> hits.putIfAbsent(hit.pointId(), hit));
			scores(ranking).forEach((id, score) -> fused.merge(id, score, Float::sum));
		}
		List<SearchHit> result = new ArrayList<>(hits.size());
		hits.forEach((id, hit) -> result.add(hit.withScore(fused.get(id))));
		result.sort(Comparator.comparingDouble(SearchHit::score).reversed());
		return List.copyOf(result.subList(0, Math.min(k, result.size())));
	}

	/** {@code rrf} or {@code dbsf}, in any case. */
	public static Fusion named(String name) {
		return valueOf(name.strip().toUpperCase(Locale.ROOT));
	}

}
