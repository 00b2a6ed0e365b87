package dev.hyperplane.backup.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One VM's restore points as a chain: a full point, then incremental ones, each holding only what changed since the
 * point it is based on. Pruning a point a later one depends on would break every restore after it, so the pruned
 * point is merged into the point that depends on it, as forever-incremental backup products do: that point takes
 * over the pruned one's blocks and its base (a pruned full point makes it a synthetic full). Every point kept stays
 * restorable, and each merge is an event of its own.
 */
public final class RestoreChain {

    /**
     * A restore point in the chain.
     *
     * @param basedOn     the point it builds on; null for a full one
     * @param sizeMb      what it holds
     * @param allocatedMb what its disks held at its checkpoint: a merged point never holds more
     */
    public record Link(String pointId, String basedOn, long sizeMb, long allocatedMb) {
        public boolean full() {
            return basedOn == null;
        }
    }

    /**
     * A pruned point's blocks moved into the point that depended on it.
     *
     * @param from        the pruned point
     * @param into        the point that takes its blocks over
     * @param basedOn     what {@code into} is based on from now on; null: it is a (synthetic) full point now
     * @param sizeMb      what {@code into} holds from now on
     */
    public record Merge(String from, String into, String basedOn, long sizeMb) {
    }

    /**
     * @param merges  in chain order, oldest first: apply them in that order
     * @param deleted every pruned point, oldest first: their blocks are either merged or no longer needed
     */
    public record Plan(List<Merge> merges, List<String> deleted) {
    }

    private RestoreChain() {
    }

    /**
     * @param links  the VM's points, any order; each incremental one based on a point of the list
     * @param prune  the points retention prunes
     */
    public static Plan prune(List<Link> links, Set<String> prune) {
        Map<String, Link> byId = new HashMap<>();
        Map<String, String> dependent = new HashMap<>();
        for (Link link : links) {
            byId.put(link.pointId(), link);
            if (link.basedOn() != null) {
                dependent.put(link.basedOn(), link.pointId());
            }
        }
        List<Merge> merges = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (Link link : oldestFirst(links)) {
            if (!prune.contains(link.pointId())) {
                continue;
            }
            Link current = byId.get(link.pointId()); // with what merged into it already
            String next = dependent.get(link.pointId());
            if (next != null) {
                Link into = byId.get(next);
                long size = Math.min(into.sizeMb() + current.sizeMb(), into.allocatedMb());
                Link merged = new Link(into.pointId(), current.basedOn(), size, into.allocatedMb());
                byId.put(next, merged);
                if (current.basedOn() != null) {
                    dependent.put(current.basedOn(), next);
                }
                merges.add(new Merge(current.pointId(), next, merged.basedOn(), merged.sizeMb()));
            }
            deleted.add(link.pointId());
        }
        return new Plan(merges, deleted);
    }

    /** Full points first, each followed by what builds on it. */
    private static List<Link> oldestFirst(List<Link> links) {
        Map<String, Link> byBase = new HashMap<>();
        List<Link> ordered = new ArrayList<>();
        for (Link link : links) {
            if (link.basedOn() != null) {
                byBase.put(link.basedOn(), link);
            }
        }
        for (Link link : links) {
            if (link.full()) {
                for (Link at = link; at != null; at = byBase.get(at.pointId())) {
                    ordered.add(at);
                }
            }
        }
        return ordered;
    }
}
