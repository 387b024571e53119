/**
 * Main-text extraction scored against the development sets' ground truth.
 */
package dev.llmtwin.bench.extract;
