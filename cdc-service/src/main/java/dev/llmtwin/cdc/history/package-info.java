/**
 * MongoDB's change history behind one port, chosen once at start-up: a replica set, or
 * the embedded server whose oplog this service checks and trims.
 */
package dev.llmtwin.cdc.history;
