-- The support-table column a Linux guest was resolved to (GuestOs.catalogId): tells columns with the same title
-- apart (Oracle's RHCK and UEK kernels, built-in and downloadable LIS). Null for VMs requested before.
ALTER TABLE mb_vm ADD COLUMN guest_catalog_id TEXT;
