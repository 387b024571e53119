package dev.llmtwin.crawler.source.github;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which files of a repository are worth storing, and in which language they are written.
 * Vendored and generated folders, lock files and binary formats say nothing about their
 * author and only crowd the vector store.
 */
final class RepositoryFiles {

	private static final Set<String> SKIPPED_FOLDERS = Set.of(".git", "node_modules", "vendor", "build", "dist",
			"target", "out", ".venv", "venv", "__pycache__", ".gradle", ".idea", ".mvn", "bower_components", ".next",
			".tox", ".mypy_cache", ".pytest_cache", "coverage");

	private static final Set<String> LOCK_FILES = Set.of("package-lock.json", "yarn.lock", "pnpm-lock.yaml",
			"npm-shrinkwrap.json", "cargo.lock", "poetry.lock", "pipfile.lock", "go.sum", "composer.lock",
			"gemfile.lock", "uv.lock", "pdm.lock", "packages.lock.json", "mix.lock", "pubspec.lock", "flake.lock",
			"gradle.lockfile", "bun.lockb");

	private static final Set<String> BINARY_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp", "ico", "webp",
			"svg", "tif", "tiff", "psd", "pdf", "zip", "gz", "tgz", "bz2", "xz", "7z", "rar", "tar", "jar", "war",
			"class", "so", "dll", "dylib", "exe", "bin", "o", "a", "lib", "pyc", "pyo", "whl", "woff", "woff2", "ttf",
			"otf", "eot", "mp3", "mp4", "wav", "ogg", "flac", "mov", "avi", "mkv", "webm", "wasm", "onnx", "pt", "pth",
			"h5", "pkl", "parquet", "npy", "npz", "sqlite", "db", "doc", "docx", "xls", "xlsx", "ppt", "pptx",
			"keystore", "jks", "p12", "map");

	private static final Map<String, String> LANGUAGES = Map.ofEntries(Map.entry("java", "Java"),
			Map.entry("kt", "Kotlin"), Map.entry("kts", "Kotlin"), Map.entry("scala", "Scala"),
			Map.entry("groovy", "Groovy"), Map.entry("gradle", "Groovy"), Map.entry("py", "Python"),
			Map.entry("ipynb", "Jupyter Notebook"), Map.entry("js", "JavaScript"), Map.entry("mjs", "JavaScript"),
			Map.entry("cjs", "JavaScript"), Map.entry("jsx", "JavaScript"), Map.entry("ts", "TypeScript"),
			Map.entry("tsx", "TypeScript"), Map.entry("go", "Go"), Map.entry("rs", "Rust"), Map.entry("c", "C"),
			Map.entry("h", "C"), Map.entry("cc", "C++"), Map.entry("cpp", "C++"), Map.entry("cxx", "C++"),
			Map.entry("hpp", "C++"), Map.entry("cs", "C#"), Map.entry("rb", "Ruby"), Map.entry("php", "PHP"),
			Map.entry("swift", "Swift"), Map.entry("m", "Objective-C"), Map.entry("r", "R"), Map.entry("jl", "Julia"),
			Map.entry("lua", "Lua"), Map.entry("pl", "Perl"), Map.entry("sh", "Shell"), Map.entry("bash", "Shell"),
			Map.entry("zsh", "Shell"), Map.entry("ps1", "PowerShell"), Map.entry("sql", "SQL"),
			Map.entry("html", "HTML"), Map.entry("htm", "HTML"), Map.entry("css", "CSS"), Map.entry("scss", "SCSS"),
			Map.entry("vue", "Vue"), Map.entry("svelte", "Svelte"), Map.entry("md", "Markdown"),
			Map.entry("markdown", "Markdown"), Map.entry("rst", "reStructuredText"), Map.entry("adoc", "AsciiDoc"),
			Map.entry("tex", "TeX"), Map.entry("json", "JSON"), Map.entry("yaml", "YAML"), Map.entry("yml", "YAML"),
			Map.entry("toml", "TOML"), Map.entry("xml", "XML"), Map.entry("properties", "Properties"),
			Map.entry("ini", "INI"), Map.entry("proto", "Protocol Buffers"), Map.entry("tf", "HCL"),
			Map.entry("hcl", "HCL"), Map.entry("dart", "Dart"), Map.entry("ex", "Elixir"), Map.entry("exs", "Elixir"),
			Map.entry("erl", "Erlang"), Map.entry("hs", "Haskell"), Map.entry("clj", "Clojure"),
			Map.entry("ml", "OCaml"), Map.entry("fs", "F#"), Map.entry("txt", "Text"), Map.entry("csv", "CSV"));

	private static final Map<String, String> LANGUAGES_BY_NAME = Map.of("dockerfile", "Dockerfile", "makefile",
			"Makefile", "cmakelists.txt", "CMake", "jenkinsfile", "Groovy", "gemfile", "Ruby", "rakefile", "Ruby");

	private RepositoryFiles() {
	}

	/** Whether a folder is left out as a whole: vendored code or build output. */
	static boolean skippedFolder(String name) {
		return SKIPPED_FOLDERS.contains(name);
	}

	/**
	 * Whether a file is left out by its name alone: a lock file, minified, or a binary
	 * format.
	 */
	static boolean skippedFile(String name) {
		String lowerCase = name.toLowerCase(Locale.ROOT);
		return LOCK_FILES.contains(lowerCase) || lowerCase.endsWith(".lock") || lowerCase.contains(".min.")
				|| BINARY_EXTENSIONS.contains(extension(lowerCase));
	}

	/** The language by extension or well-known file name; "Text" when neither tells. */
	static String language(String path) {
		String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
		String byName = LANGUAGES_BY_NAME.get(name);
		if (byName != null) {
			return byName;
		}
		return LANGUAGES.getOrDefault(extension(name), "Text");
	}

	private static String extension(String name) {
		int dot = name.lastIndexOf('.');
		return (dot > 0) ? name.substring(dot + 1) : "";
	}

}
