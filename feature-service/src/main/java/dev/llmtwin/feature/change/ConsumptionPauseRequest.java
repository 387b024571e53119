package dev.llmtwin.feature.change;

/**
 * Asks for consumption to pause because a store is down.
 *
 * @param reason what failed
 */
record ConsumptionPauseRequest(String reason) {
}
