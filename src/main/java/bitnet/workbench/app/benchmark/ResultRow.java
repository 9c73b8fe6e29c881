package bitnet.workbench.app.benchmark;

import bitnet.workbench.bench.CombinationResult;

/**
 * One row of the results table: a finished combination and which run it belongs to ("A" for the
 * run on screen, "B" for the one overlaid for comparison).
 */
public record ResultRow(String run, CombinationResult result) {
}
