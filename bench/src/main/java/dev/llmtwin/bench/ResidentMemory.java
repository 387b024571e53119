package dev.llmtwin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's resident memory as the kernel reports it ({@code /proc/<pid>/status}). */
public final class ResidentMemory {

	private ResidentMemory() {
	}

	/** The resident set now, in MiB. */
	public static long currentMiB(long pid) throws IOException {
		return statusKiB(pid, "VmRSS:") >> 10;
	}

	/** The highest resident set since the process started, in MiB. */
	public static long peakMiB(long pid) throws IOException {
		return statusKiB(pid, "VmHWM:") >> 10;
	}

	private static long statusKiB(long pid, String field) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
			if (line.startsWith(field)) {
				return Long.parseLong(line.substring(field.length()).replace("kB", "").strip());
			}
		}
		throw new IllegalStateException(field + " is missing from /proc/" + pid + "/status");
	}

}
