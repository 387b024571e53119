/**
 * The cleaned documents in MongoDB, one per raw document, with the version they were made
 * from.
 */
package dev.llmtwin.feature.document;
