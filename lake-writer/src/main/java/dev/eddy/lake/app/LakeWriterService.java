package dev.eddy.lake.app;

import dev.eddy.lake.config.LakeWriterConfig;
import dev.eddy.lake.config.WriterSettings;
import dev.eddy.lake.metrics.LakeMetrics;
import dev.eddy.lake.storage.LakeStorage;
import dev.eddy.lake.storage.LakeStorages;
import dev.eddy.lake.table.TableRegistry;
import dev.eddy.lake.writer.LakeWriter;
import dev.eddy.lake.writer.PublishObserver;
import dev.eddy.lake.writer.WriterState;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.Map;

/** Starts the writer loop on its own thread when the service starts, and stops it on shutdown. */
@ApplicationScoped
public class LakeWriterService {

    private static final Logger LOG = Logger.getLogger(LakeWriterService.class);

    private final LakeWriterConfig config;
    private final Config rawConfig;
    private final MeterRegistry registry;
    private LakeWriter writer;
    private LakeStorage storage;
    private Thread thread;

    public LakeWriterService(LakeWriterConfig config, Config rawConfig, MeterRegistry registry) {
        this.config = config;
        this.rawConfig = rawConfig;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        WriterSettings settings = WriterSettings.from(config, kafkaSettings());
        storage = LakeStorages.open(settings);
        writer = new LakeWriter(settings, new TableRegistry(), storage, new LakeMetrics(registry),
                PublishObserver.NONE);
        thread = new Thread(writer, "eddy-lake-writer");
        thread.start();
        LOG.infof("lake writer started: root %s, group %s", storage.describe(), settings.groupId());
    }

    void stop(@Observes ShutdownEvent event) {
        if (writer == null) {
            return;
        }
        writer.stop();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        storage.close();
    }

    public WriterState state() {
        return writer == null ? new WriterState(WriterState.Phase.STARTING, "not started") : writer.state();
    }

    public String root() {
        return storage == null ? config.root() : storage.describe();
    }

    /** Every {@code kafka.*} setting (bootstrap servers, security protocol, SASL, TLS) without the prefix. */
    private Map<String, Object> kafkaSettings() {
        Map<String, Object> kafka = new HashMap<>();
        for (String name : rawConfig.getPropertyNames()) {
            if (name.startsWith("kafka.")) {
                rawConfig.getOptionalValue(name, String.class)
                        .ifPresent(value -> kafka.put(name.substring("kafka.".length()), value));
            }
        }
        return kafka;
    }
}
