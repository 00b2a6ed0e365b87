package dev.hyperplane.platform.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.Scheduler;
import dev.hyperplane.events.EventJson;
import dev.hyperplane.platform.messaging.EventForwarder;
import io.quarkus.arc.properties.IfBuildProperty;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.serialization.json.JacksonSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one place where Axon 4 is wired into Quarkus (there is no usable Quarkus extension): JDBC event store,
 * token store and saga store on the Agroal datasource, a JTA-bridged transaction manager, Jackson serialization
 * built from a copy of Quarkus's ObjectMapper, tracking processors that propagate handler errors (the default
 * handler would log and skip the event), and deadlines that survive restarts (db-scheduler on the same database).
 * <p>
 * Axon starts on Quarkus's {@link StartupEvent}, after Flyway created the tables, and stops on
 * {@link ShutdownEvent}, while the connection pool is still open ({@code @PreDestroy} would be too late).
 */
@ApplicationScoped
@IfBuildProperty(name = "hyperplane.axon.enabled", stringValue = "true", enableIfMissing = true)
public class AxonRuntime {
    private static final Logger LOG = Logger.getLogger(AxonRuntime.class);

    @Inject
    AgroalDataSource dataSource;
    @Inject
    jakarta.transaction.TransactionManager jtaTransactionManager;
    @Inject
    ObjectMapper quarkusMapper;
    @Inject
    Instance<AxonModule> modules;
    @Inject
    EventForwarder forwarder;
    @Inject
    Clock clock;

    @ConfigProperty(name = "hyperplane.axon.batch-size", defaultValue = "50")
    int batchSize;
    @ConfigProperty(name = "hyperplane.axon.deadline-poll", defaultValue = "PT1S")
    Duration deadlinePoll;
    /**
     * How often a running deadline proves its process alive. An execution that misses four heartbeats belonged to a
     * process that died ({@code kill -9}, a lost pod) and runs again elsewhere; db-scheduler's default of 5 minutes
     * times 6 would leave a VM stuck for half an hour.
     */
    @ConfigProperty(name = "hyperplane.axon.deadline-heartbeat", defaultValue = "PT2S")
    Duration deadlineHeartbeat;

    private volatile Configuration configuration;
    private Scheduler deadlineScheduler;
    private ConflictRetry conflictRetry;

    void onStart(@Observes StartupEvent event) {
        configuration();
    }

    /** Builds and starts Axon once; safe to call from producers before the startup event. */
    public synchronized Configuration configuration() {
        if (configuration == null) {
            configuration = build();
            configuration.start();
            configuration.deadlineManager(); // hands the scheduler its manager before the first task runs
            deadlineScheduler.start();
            LOG.info("Axon started");
        }
        return configuration;
    }

    private Configuration build() {
        ObjectMapper mapper = EventJson.configure(quarkusMapper.copy())
                // sagas keep their state in private fields
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper)
                .revisionResolver(new ContractRevisions()).lenientDeserialization().build();
        TransactionManager transactions = new JtaTransactionManager(jtaTransactionManager);
        // Agroal hands out the connection enlisted in the current JTA transaction; JTA commits it. (Axon's
        // UnitOfWorkAwareConnectionProviderWrapper would call commit() on that connection itself, which JTA forbids.)
        ConnectionProvider connections = dataSource::getConnection;
        AtomicReference<DbSchedulerDeadlineManager> deadlineManager = new AtomicReference<>();
        deadlineScheduler = Scheduler.create(dataSource, DeadlineTask.create(deadlineManager::get))
                .pollingInterval(deadlinePoll)
                .heartbeatInterval(deadlineHeartbeat)
                .missedHeartbeatsLimit(4)
                .threads(2)
                .registerShutdownHook()
                .build();

        // Axon stamps event messages with its own static clock: keep it the service's clock
        GenericEventMessage.clock = clock;
        conflictRetry = new ConflictRetry(jtaTransactionManager);
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                // command handlers (and sagas) take the clock as a parameter
                .registerComponent(Clock.class, c -> clock)
                .configureSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureTransactionManager(c -> transactions)
                .configureResourceInjector(c -> new CdiResourceInjector())
                .registerComponent(CommandGateway.class, c -> DefaultCommandGateway.builder()
                        .commandBus(c.commandBus()).retryScheduler(conflictRetry).build())
                .configureEmbeddedEventStore(c -> JdbcEventStorageEngine.builder()
                        .connectionProvider(connections)
                        .transactionManager(transactions)
                        .eventSerializer(serializer)
                        .snapshotSerializer(serializer)
                        .upcasterChain(c.upcasterChain())
                        // PostgreSQL's unique_violation on (aggregate, sequence) is another replica's append: a
                        // ConcurrencyException, which ConflictRetry retries (Axon's default resolver only knows
                        // drivers that throw SQLIntegrityConstraintViolationException, which PostgreSQL's does not)
                        .persistenceExceptionResolver(new SQLStateResolver("23505"))
                        .build())
                .configureDeadlineManager(c -> {
                    DbSchedulerDeadlineManager manager = DbSchedulerDeadlineManager.builder()
                            .scheduler(deadlineScheduler)
                            .scopeAwareProvider(c.scopeAwareProvider())
                            .serializer(serializer)
                            .transactionManager(transactions)
                            .startScheduler(false)
                            .stopScheduler(false)
                            .build();
                    deadlineManager.set(manager);
                    return manager;
                });
        configurer.eventProcessing()
                .usingTrackingEventProcessors()
                .registerTokenStore(c -> JdbcTokenStore.builder()
                        .connectionProvider(connections)
                        .serializer(serializer)
                        .claimTimeout(Duration.ofSeconds(5))
                        .build())
                .registerSagaStore(c -> JdbcSagaStore.builder()
                        .connectionProvider(connections)
                        .sqlSchema(new PostgresSagaSqlSchema())
                        .serializer(serializer)
                        .build())
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerTrackingEventProcessorConfiguration(c -> TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing()
                        .andBatchSize(batchSize)
                        .andTokenClaimInterval(1000, java.util.concurrent.TimeUnit.MILLISECONDS));
        configurer.eventProcessing().registerEventHandler(c -> forwarder);
        modules.forEach(module -> module.configure(configurer));
        return configurer.buildConfiguration();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (configuration != null) {
            configuration.shutdown();
            deadlineScheduler.stop();
            conflictRetry.stop();
            LOG.info("Axon stopped");
        }
    }

    @Produces
    @Singleton
    CommandGateway commandGateway() {
        return configuration().commandGateway();
    }

    @Produces
    @Singleton
    QueryGateway queryGateway() {
        return configuration().queryGateway();
    }

    @Produces
    @Singleton
    DeadlineManager deadlineManager() {
        return configuration().deadlineManager();
    }

    @Produces
    @Singleton
    EventStore eventStore() {
        return configuration().eventStore();
    }
}
