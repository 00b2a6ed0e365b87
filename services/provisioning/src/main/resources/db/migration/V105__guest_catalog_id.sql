-- The support-table column a Linux guest was resolved to (GuestOs.catalogId); null for VMs requested before.
ALTER TABLE vm_view ADD COLUMN guest_catalog_id VARCHAR(96);
