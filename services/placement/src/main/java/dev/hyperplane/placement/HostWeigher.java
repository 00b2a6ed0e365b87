package dev.hyperplane.placement;

/** Scores a host that passed every filter; higher is better. */
public interface HostWeigher {

    /** A score in [0, 1], so that weighers with equal weights count equally. */
    double weigh(HostCandidate host, PlacementRequest vm);
}
