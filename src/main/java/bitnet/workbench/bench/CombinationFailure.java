package bitnet.workbench.bench;

/** A combination that could not run (e.g. a kernel that cannot multiply one of the model's tensor types). */
public record CombinationFailure(int index, Combination combination, String message) {
}
