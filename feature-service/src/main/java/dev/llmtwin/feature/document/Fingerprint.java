package dev.llmtwin.feature.document;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

import org.apache.lucene.util.StringHelper;

import dev.llmtwin.feature.clean.Words;

/**
 * The MinHash signature of a text's word shingles, with its locality-sensitive bands: two
 * texts whose shingle sets overlap by Jaccard similarity J agree on each of the
 * {@value #HASHES} minima with probability J, and share at least one band with
 * probability 1 - (1 - J^{@value #ROWS})^{@value #BANDS} (0.99 at J = 0.7, 0.06 at J =
 * 0.2), so the bands find candidates with an equality query and the minima measure them.
 *
 * @param minHashes the minimum of each hash function over the shingles
 * @param bands one hash per band of {@value #ROWS} minima, to look candidates up by
 */
public record Fingerprint(int[] minHashes, long[] bands) {

	static final int HASHES = 64;

	static final int ROWS = 4;

	static final int BANDS = HASHES / ROWS;

	/**
	 * Words in a shingle (characters in Chinese and Japanese): enough to tell texts
	 * apart, few enough to survive edits.
	 */
	private static final int SHINGLE_WORDS = 3;

	/** Odd multipliers and offsets of the hash family, fixed so fingerprints compare. */
	private static final long[] MULTIPLIERS = new long[HASHES];

	private static final long[] OFFSETS = new long[HASHES];

	static {
		SplittableRandom random = new SplittableRandom(0x5EED_F1A6E5L);
		for (int i = 0; i < HASHES; i++) {
			MULTIPLIERS[i] = random.nextLong() | 1;
			OFFSETS[i] = random.nextLong();
		}
	}

	/**
	 * The fingerprint of a text, or {@code null} when it has too few words to shingle.
	 */
	public static Fingerprint of(String text) {
		Set<Integer> shingles = shingles(text);
		if (shingles.isEmpty()) {
			return null;
		}
		int[] minima = new int[HASHES];
		Arrays.fill(minima, Integer.MAX_VALUE);
		for (int shingle : shingles) {
			for (int i = 0; i < HASHES; i++) {
				// Multiply-shift: the high 32 bits of a*x+b are a universal hash of x.
				int hash = (int) ((MULTIPLIERS[i] * shingle + OFFSETS[i]) >>> 32);
				if (Integer.compareUnsigned(hash, minima[i]) < 0) {
					minima[i] = hash;
				}
			}
		}
		long[] bands = new long[BANDS];
		for (int band = 0; band < BANDS; band++) {
			long hash = band;
			for (int row = 0; row < ROWS; row++) {
				hash = hash * 0x9E37_79B9_7F4A_7C15L + minima[band * ROWS + row];
			}
			bands[band] = hash;
		}
		return new Fingerprint(minima, bands);
	}

	/** The estimated Jaccard similarity of the two texts' shingle sets, 0 to 1. */
	public double similarity(Fingerprint other) {
		int same = 0;
		for (int i = 0; i < HASHES; i++) {
			if (this.minHashes[i] == other.minHashes[i]) {
				same++;
			}
		}
		return (double) same / HASHES;
	}

	private static Set<Integer> shingles(String text) {
		String[] window = new String[SHINGLE_WORDS];
		Set<Integer> shingles = new HashSet<>();
		int seen = 0;
		for (String word : Words.tokens(text.toLowerCase(Locale.ROOT))) {
			window[seen++ % SHINGLE_WORDS] = word;
			if (seen >= SHINGLE_WORDS) {
				StringBuilder shingle = new StringBuilder();
				for (int i = 0; i < SHINGLE_WORDS; i++) {
					shingle.append(window[(seen + i) % SHINGLE_WORDS]).append(' ');
				}
				byte[] bytes = shingle.toString().getBytes(StandardCharsets.UTF_8);
				shingles.add(StringHelper.murmurhash3_x86_32(bytes, 0, bytes.length, 0));
			}
		}
		return shingles;
	}

}
