package dev.llmtwin.feature.embed;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The in-process embedding model.
 *
 * @param model the model new vectors are made with (a reindex switches it at run time)
 * @param threads ONNX Runtime's intra-op threads; 0 means one per core
 * @param batchSize texts per model call: texts are sorted by length first, so a batch
 * pads little
 */
@Validated
@ConfigurationProperties("feature.embedding")
public record EmbeddingProperties(@DefaultValue("BGE_SMALL_EN_V15") @NotNull EmbeddingModelVersion model,
		@DefaultValue("0") @Min(0) int threads, @DefaultValue("1") @Min(1) @Max(256) int batchSize) {

	public int effectiveThreads() {
		return (this.threads > 0) ? this.threads : Runtime.getRuntime().availableProcessors();
	}

}
