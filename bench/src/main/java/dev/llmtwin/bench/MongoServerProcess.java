package dev.llmtwin.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.llmtwin.embedded.EmbeddedMongoServer;

/**
 * The embedded MongoDB server (in memory) in a JVM of its own, as a MongoDB server is in
 * any deployment: its documents and their garbage collection stay out of the heap of the
 * service that is measured. It runs with {@code make run}'s JVM flags: with the JVM's
 * default heap (a quarter of the RAM) its young collections grew to hundreds of MiB and
 * paused it for 33–140 ms, against 25–31 ms with {@code make run}'s 512 MiB. The child
 * lives until the parent closes it or dies (it stops when its standard input ends).
 */
public final class MongoServerProcess implements AutoCloseable {

	private static final String READY = "mongodb-listening ";

	private final Process process;

	private final String connectionString;

	private MongoServerProcess(Process process, String connectionString) {
		this.process = process;
		this.connectionString = connectionString;
	}

	/** Starts the child and waits until it listens. */
	public static MongoServerProcess start() throws IOException {
		Process process = new ProcessBuilder(command()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		String line;
		while ((line = output.readLine()) != null) {
			if (line.startsWith(READY)) {
				String connectionString = line.substring(READY.length()).trim();
				Thread.ofPlatform().daemon().name("mongo-process-output").start(() -> drain(output));
				return new MongoServerProcess(process, connectionString);
			}
		}
		process.destroyForcibly();
		throw new IOException(
				"The embedded MongoDB process ended before it listened (exit " + exitValue(process) + ")");
	}

	/** {@code mongodb://host:port/database}. */
	public String uri(String database) {
		return this.connectionString + "/" + database;
	}

	/** The server process's resident set now, in MiB. */
	public long residentMiB() throws IOException {
		return ResidentMemory.currentMiB(this.process.pid());
	}

	@Override
	public void close() throws IOException {
		this.process.getOutputStream().close();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	public static void main(String[] args) throws IOException {
		PrintStream out = System.out;
		try (EmbeddedMongoServer server = EmbeddedMongoServer.inMemory()) {
			out.println(READY + server.connectionString());
			out.flush();
			while (System.in.read() != -1) {
				// Until the parent closes the pipe or dies.
			}
		}
	}

	/**
	 * The same java, class path and main class chooser as this JVM: from the executable
	 * jar through Spring Boot's PropertiesLauncher, else from the plain class path.
	 */
	private static List<String> command() {
		String java = ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		String classPath = System.getProperty("java.class.path");
		List<String> command = new ArrayList<>(List.of(java));
		command.addAll(MakeRunFlags.jvmFlags());
		command.addAll(List.of("-cp", classPath));
		if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
			command.add("-Dloader.main=" + MongoServerProcess.class.getName());
			command.add("org.springframework.boot.loader.launch.PropertiesLauncher");
		}
		else {
			command.add(MongoServerProcess.class.getName());
		}
		return command;
	}

	private static void drain(BufferedReader output) {
		try {
			while (output.readLine() != null) {
				// Log lines of the child; its errors go to this process's stderr.
			}
		}
		catch (IOException ex) {
			// The child ended.
		}
	}

	private static String exitValue(Process process) {
		try {
			return String.valueOf(process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : "none yet");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "unknown";
		}
	}

}
