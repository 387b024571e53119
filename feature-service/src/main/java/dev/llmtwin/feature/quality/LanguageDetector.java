package dev.llmtwin.feature.quality;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

import org.springframework.stereotype.Component;

import dev.llmtwin.feature.FeatureType;

/**
 * The language a document is written in, by Apache OpenNLP's language detector (103
 * languages, character n-grams, 34 MiB of heap). A code file has no language of its own
 * here; a text too short or too mixed to tell is left without one.
 */
@Component
public class LanguageDetector {

	/** The model as published with OpenNLP's model artifacts, at the classpath root. */
	private static final String MODEL = "/langdetect-183.bin";

	/**
	 * More text hardly changes the answer, it only costs time: on the 738 pages of
	 * main-text-mixed (ten languages), the first 1,000 characters give the answer of the
	 * first 4,000 on all pages but one (a Croatian page left without a language), in a
	 * third of the time.
	 */
	private static final int SAMPLE_CHARS = 1000;

	private static final int MIN_LETTERS = 20;

	/** The best guess must be this much likelier than the next one to be taken. */
	private static final double MARGIN = 1.5;

	/** OpenNLP names some languages by an individual code within a macrolanguage. */
	private static final Map<String, String> INDIVIDUAL = Map.of("cmn", "zh", "ekk", "et", "lvs", "lv", "pes", "fa",
			"plt", "mg", "zsm", "ms", "nan", "zh");

	private static final Map<String, String> TWO_LETTER = twoLetterCodes();

	private final LanguageDetectorModel model;

	LanguageDetector() {
		try (InputStream in = LanguageDetector.class.getResourceAsStream(MODEL)) {
			if (in == null) {
				throw new IllegalStateException("The language model " + MODEL + " is not on the classpath");
			}
			this.model = new LanguageDetectorModel(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Reading the language model failed", ex);
		}
	}

	/**
	 * The language of a cleaned text: its ISO 639-1 code where it has one ({@code en},
	 * {@code de}), else its ISO 639-3 code; empty for code and for a text that does not
	 * tell.
	 */
	public Optional<String> detect(String text, FeatureType type) {
		if (type == FeatureType.CODE || text == null) {
			return Optional.empty();
		}
		String sample = (text.length() > SAMPLE_CHARS) ? text.substring(0, SAMPLE_CHARS) : text;
		if (sample.codePoints().filter(Character::isLetter).limit(MIN_LETTERS).count() < MIN_LETTERS) {
			return Optional.empty();
		}
		// The detector keeps no state between calls, but is not documented as
		// thread-safe.
		Language[] ranked = new LanguageDetectorME(this.model).predictLanguages(sample);
		if (ranked.length == 0
				|| (ranked.length > 1 && ranked[0].getConfidence() < MARGIN * ranked[1].getConfidence())) {
			return Optional.empty();
		}
		String code = ranked[0].getLang();
		return Optional.of(INDIVIDUAL.getOrDefault(code, TWO_LETTER.getOrDefault(code, code)));
	}

	private static Map<String, String> twoLetterCodes() {
		Map<String, String> codes = new HashMap<>();
		for (String twoLetter : Locale.getISOLanguages()) {
			codes.put(Locale.of(twoLetter).getISO3Language(), twoLetter);
		}
		return Map.copyOf(codes);
	}

}
