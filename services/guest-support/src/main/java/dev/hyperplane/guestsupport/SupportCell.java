package dev.hyperplane.guestsupport;

/**
 * One cell of Microsoft's Linux support tables: whether a distribution column supports a feature, with the
 * footnotes attached to the check mark.
 *
 * @param status {@code supported}, {@code not_supported} or {@code n/a}
 * @param notes  Microsoft's footnotes for the cell, paraphrased; empty when none
 */
public record SupportCell(String status, String notes) {

    public boolean supported() {
        return "supported".equals(status);
    }
}
