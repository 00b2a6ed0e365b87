package dev.hyperplane.memory.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How densely the fleet packs VMs, from the hosts' latest samples.
 *
 * @param staticMb          what the same VMs would hold with static memory (each its startup memory)
 * @param savedMb           staticMb less what they hold now: what Dynamic Memory gives back to the hosts
 * @param staticVmsPerHost  how many VMs of the fleet's average startup size a host could take with static
 *                          memory, against {@code vmsPerHost} packed now at the same memory
 * @param densityGain       VMs per host the hosts' capacity allows at today's average assigned memory, over
 *                          {@code staticVmsPerHost}
 * @param vmPressure        running VMs per pressure band
 * @param hostPressure      hosts per pressure band (need over capacity)
 */
public record DensityReport(int hosts, int vms, double vmsPerHost, int maxVmsPerHost, long capacityMb,
                            long assignedMb, long staticMb, long savedMb, double staticVmsPerHost,
                            double densityGain, Map<String, Integer> vmPressure, Map<String, Integer> hostPressure) {

    private static final int[] BANDS = {50, 80, 100, 120};

    public static DensityReport of(List<HostSnapshot> fleet) {
        int vms = fleet.stream().mapToInt(h -> h.vms().size()).sum();
        long capacity = fleet.stream().mapToLong(HostSnapshot::capacityMb).sum();
        long assigned = fleet.stream().mapToLong(HostSnapshot::assignedMb).sum();
        long statically = fleet.stream().flatMap(h -> h.vms().stream()).mapToLong(VmSnapshot::startupMb).sum();
        int hosts = fleet.size();
        double perHost = hosts == 0 ? 0 : (double) vms / hosts;
        double capacityPerHost = hosts == 0 ? 0 : (double) capacity / hosts;
        double staticPerHost = vms == 0 ? 0 : capacityPerHost / ((double) statically / vms);
        double dynamicPerHost = assigned == 0 ? 0 : capacityPerHost / ((double) assigned / vms);
        Map<String, Integer> vmBands = bands();
        fleet.forEach(h -> h.vms().forEach(vm -> vmBands.merge(band(vm.pressure()), 1, Integer::sum)));
        Map<String, Integer> hostBands = bands();
        fleet.forEach(h -> hostBands.merge(band(h.pressure()), 1, Integer::sum));
        return new DensityReport(hosts, vms, round2(perHost),
                fleet.stream().mapToInt(h -> h.vms().size()).max().orElse(0), capacity, assigned, statically,
                statically - assigned, round2(staticPerHost),
                staticPerHost == 0 ? 0 : round2(dynamicPerHost / staticPerHost), vmBands, hostBands);
    }

    private static Map<String, Integer> bands() {
        Map<String, Integer> bands = new LinkedHashMap<>();
        int low = 0;
        for (int high : BANDS) {
            bands.put(low + "-" + high, 0);
            low = high;
        }
        bands.put(">" + low, 0);
        return bands;
    }

    /** "0-50", "50-80", "80-100", "100-120", ">120": a band holds values above its low end up to its high end. */
    private static String band(int pressure) {
        int low = 0;
        for (int high : BANDS) {
            if (pressure <= high) {
                return low + "-" + high;
            }
            low = high;
        }
        return ">" + low;
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
