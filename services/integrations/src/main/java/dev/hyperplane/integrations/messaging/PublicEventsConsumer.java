package dev.hyperplane.integrations.messaging;

import dev.hyperplane.events.Topics;
import dev.hyperplane.events.vm.VmRequested;
import dev.hyperplane.integrations.domain.EventAudience;
import dev.hyperplane.integrations.domain.EventTypeFilter;
import dev.hyperplane.integrations.query.Deliveries;
import dev.hyperplane.integrations.query.EventHistory;
import dev.hyperplane.integrations.query.StoredEvent;
import dev.hyperplane.integrations.query.VmTenants;
import dev.hyperplane.integrations.query.WebhookView;
import dev.hyperplane.integrations.query.Webhooks;
import dev.hyperplane.platform.messaging.IdempotentConsumer;
import dev.hyperplane.platform.messaging.InboundEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Takes every public event into the history and queues it for the subscriptions that want it. An event goes to a
 * tenant's subscription only when it is about that tenant (the CloudEvent's tenant, the record's, or the tenant of
 * the VM it names) and of a type tenants receive; a fleet admin's subscription may have any public event. Commands,
 * telemetry and inventory reports are never stored. Its subject for ordering is the VM it is about, else its
 * CloudEvent subject (a host, a policy).
 */
@ApplicationScoped
public class PublicEventsConsumer extends IdempotentConsumer {
    static final List<String> TOPICS = List.of(Topics.VM_EVENTS, Topics.HOST_EVENTS, Topics.AGENT_EVENTS,
            Topics.MEMORY_EVENTS, Topics.MIGRATION_EVENTS, Topics.CAPACITY_EVENTS, Topics.BACKUP_EVENTS,
            Topics.INTEGRATION_EVENTS);

    @Inject
    EventHistory history;
    @Inject
    Deliveries deliveries;
    @Inject
    Webhooks webhooks;
    @Inject
    VmTenants vmTenants;
    @Inject
    Clock clock;

    @Override
    public String group() {
        return "integrations-events";
    }

    @Override
    protected Collection<String> topics() {
        return TOPICS;
    }

    @Override
    protected void handle(InboundEvent event) {
        String type = event.type().ceType();
        if (!EventAudience.fleetMay(type)) {
            return;
        }
        once(event, () -> {
            if (event.data() instanceof VmRequested e) {
                vmTenants.requested(e.vmId(), e.tenantId());
            }
            Optional<String> vmId = field(event.data(), "vmId");
            String tenant = Optional.ofNullable(event.tenantId()).or(() -> field(event.data(), "tenantId"))
                    .or(() -> vmId.flatMap(vmTenants::tenantOf)).orElse(null);
            String subject = vmId.orElse(event.subject());
            StoredEvent candidate = new StoredEvent(0, event.id(), type, subject, tenant,
                    tenant != null && EventAudience.tenantMay(type), event.time().toInstant(), event.recordedAt(),
                    StructuredCloudEvent.of(event, tenant));
            history.append(candidate).ifPresent(stored -> deliveries.enqueue(stored, webhooks.activeFor(tenant)
                    .stream().filter(w -> wants(w, stored)).map(WebhookView::webhookId).toList(), clock.instant()));
        });
    }

    static boolean wants(WebhookView webhook, StoredEvent event) {
        boolean audience = webhook.tenantId() == null
                || webhook.tenantId().equals(event.tenantId()) && event.tenantMay();
        return audience && new EventTypeFilter(webhook.eventTypes()).matches(event.type());
    }

    /** A text field of the record, if it has one by that name and it is set. */
    private static Optional<String> field(Object record, String name) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (component.getName().equals(name) && component.getType() == String.class) {
                try {
                    return Optional.ofNullable((String) component.getAccessor().invoke(record));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Optional.empty();
    }
}
