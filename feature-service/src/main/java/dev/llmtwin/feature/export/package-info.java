/**
 * {@code GET /api/export}: the cleaned documents as a data set.
 */
package dev.llmtwin.feature.export;
