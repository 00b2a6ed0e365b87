package dev.hyperplane.inventory.query;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The guest did not online memory Dynamic Memory hot-added; permanent: its host stopped trying. */
@Entity
@Table(name = "hot_add_failure")
public class HotAddFailure extends VmReport {
    public boolean permanent;
    public String reason;
}
