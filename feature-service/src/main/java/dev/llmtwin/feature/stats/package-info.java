/**
 * {@code GET /api/stats}: what the feature store holds and its reconciliation with the
 * raw documents.
 */
package dev.llmtwin.feature.stats;
