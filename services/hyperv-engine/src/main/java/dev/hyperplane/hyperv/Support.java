package dev.hyperplane.hyperv;

/**
 * One cell of the support tables.
 *
 * @param status {@code supported}, {@code not_supported} or {@code n/a}
 * @param notes  Microsoft's footnotes for the cell, paraphrased; empty when none
 */
public record Support(String status, String notes) {

    public boolean supported() {
        return "supported".equals(status);
    }
}
