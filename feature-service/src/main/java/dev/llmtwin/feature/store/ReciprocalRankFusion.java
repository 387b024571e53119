package dev.llmtwin.feature.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): each list adds
 * {@code 1 / (K + rank)} to a hit's score, so a chunk ranked well by both the dense and
 * the lexical search comes first, and the scores of the two (cosine and BM25, on
 * unrelated scales) never need to be compared. Qdrant's query API fuses the same way.
 */
public final class ReciprocalRankFusion {

	/** The constant of the original paper; Qdrant's queries are given it too. */
	public static final int K = 60;

	/** How deep each list is read before fusing. */
	public static final int DEPTH = 50;

	private ReciprocalRankFusion() {
	}

	/**
	 * @param k how many hits to return
	 * @param rankings ranked lists of hits, best first; a point in several lists is one
	 * hit
	 * @return the fused list, best first, with the fused score
	 */
	@SafeVarargs
	public static List<SearchHit> fuse(int k, List<SearchHit>... rankings) {
		Map<String, SearchHit> hits = new LinkedHashMap<>();
		Map<String, Float> scores = new LinkedHashMap<>();
		for (List<SearchHit> ranking : rankings) {
			for (int rank = 0; rank < ranking.size(); rank++) {
				SearchHit hit = ranking.get(rank);
				hits.putIfAbsent(hit.pointId(), hit);
				scores.merge(hit.pointId(), 1f / (K + rank + 1), Float::sum);
			}
		}
		List<SearchHit> fused = new ArrayList<>(hits.size());
		hits.forEach((id, hit) -> fused.add(hit.withScore(scores.get(id))));
		fused.sort(Comparator.comparingDouble(SearchHit::score).reversed());
		return List.copyOf(fused.subList(0, Math.min(k, fused.size())));
	}

}
