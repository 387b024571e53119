package dev.llmtwin.feature.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * Lucene indexes under {@code feature.lucene.path}: one directory per model, named
 * {@code <model>} or {@code <model>@<time>} for one built by a reindex. The file
 * {@code ACTIVE} names the active directory; it is replaced atomically on a swap.
 */
public class LuceneVectorStoreFactory implements VectorStoreFactory {

	private static final String ACTIVE = "ACTIVE";

	private final Path root;

	public LuceneVectorStoreFactory(Path root) {
		this.root = root;
	}

	@Override
	public Optional<String> activeModel() {
		return activeDirectory().map((directory) -> directory.split("@", 2)[0]);
	}

	private Optional<String> activeDirectory() {
		Path marker = this.root.resolve(ACTIVE);
		try {
			return Files.exists(marker) ? Optional.of(Files.readString(marker, StandardCharsets.UTF_8).strip())
					: Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + marker, ex);
		}
	}

	@Override
	public VectorStore open(String model, int dimensions) {
		String directory = activeDirectory().filter((name) -> name.split("@", 2)[0].equals(model)).orElse(model);
		return open(this.root.resolve(directory));
	}

	@Override
	public VectorStore create(String model, int dimensions) {
		return open(this.root.resolve(model + "@" + Instant.now().toEpochMilli()));
	}

	private static VectorStore open(Path path) {
		try {
			return new LuceneVectorStore(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open the Lucene index at " + path, ex);
		}
	}

	@Override
	public void activate(VectorStore store, String model) {
		Path directory = ((LuceneVectorStore) store).path();
		try {
			Path next = Files.writeString(this.root.resolve(ACTIVE + ".next"), directory.getFileName().toString(),
					StandardCharsets.UTF_8);
			Files.move(next, this.root.resolve(ACTIVE), StandardCopyOption.ATOMIC_MOVE,
					StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot switch the active Lucene index", ex);
		}
	}

}
