/**
 * Embedding throughput of the feature service against the raw model.
 */
package dev.llmtwin.bench.feature;
