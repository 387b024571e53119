/**
 * {@code GET /api/search}: hybrid (BM25 and vector) search over the stored chunks.
 */
package dev.llmtwin.feature.search;
