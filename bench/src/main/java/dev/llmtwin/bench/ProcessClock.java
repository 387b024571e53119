package dev.llmtwin.bench;

import java.lang.management.ManagementFactory;

/** What this process has spent so far, to take differences of around measured work. */
public final class ProcessClock {

	private ProcessClock() {
	}

	/** CPU time of every thread of this JVM (model, services, broker, database). */
	public static long cpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/** Time the JIT compilers have spent compiling. */
	public static long compileMillis() {
		return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
	}

}
