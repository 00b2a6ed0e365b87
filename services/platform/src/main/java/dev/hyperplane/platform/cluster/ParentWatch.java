package dev.hyperplane.platform.cluster;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;

/**
 * For a service the devstack started: when the devstack dies, even by SIGKILL, the service stops too, so no
 * process keeps a port or a database connection after it. The devstack keeps the write end of this process's
 * standard input open and never writes; the kernel closes it when the devstack ends, however it ends, and the read
 * here returns end-of-file. Off unless {@code hyperplane.exit-with-parent} is true (in Kubernetes the kubelet is
 * the parent and stdin is not a pipe).
 */
@ApplicationScoped
public class ParentWatch {
    private static final Logger LOG = Logger.getLogger(ParentWatch.class);

    @ConfigProperty(name = "hyperplane.exit-with-parent", defaultValue = "false")
    boolean exitWithParent;

    void onStart(@Observes StartupEvent event) {
        if (!exitWithParent) {
            return;
        }
        Thread watch = new Thread(() -> {
            awaitEndOfInput(System.in);
            LOG.info("the devstack that started this service is gone: stopping");
            Quarkus.asyncExit(0);
        }, "parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    /** Blocks until the stream ends (its writer closed it or died); anything written is ignored. */
    public static void awaitEndOfInput(InputStream in) {
        byte[] ignored = new byte[256];
        try {
            while (in.read(ignored) >= 0) {
                // the parent never writes; keep reading until it is gone
            }
        } catch (IOException e) {
            // a broken pipe means the same: the parent is gone
        }
    }
}
