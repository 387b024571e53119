/**
 * The benchmark runner of {@code make bench}: each benchmark measures a ratio against a
 * baseline within one run and writes its figures to {@code bench/results}.
 */
package dev.llmtwin.bench;
