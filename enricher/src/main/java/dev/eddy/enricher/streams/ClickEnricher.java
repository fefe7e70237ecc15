package dev.eddy.enricher.streams;

import dev.eddy.enricher.metrics.EnricherMetrics;
import dev.eddy.events.Click;
import dev.eddy.events.RequestLine;
import dev.eddy.events.Topics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Everything a click goes through, in one processor node: check it ({@link InputChecks}, then its request line and
 * event time), route it by key, join it ({@link ClickJoin}) and forward the encoded enriched click straight to the
 * enriched sink. Kafka Streams' cost per record is mostly per node it passes (each forward, each node's bookkeeping),
 * so the common click - well formed, keyed by its user id - passes exactly one between its source and its sink.
 *
 * <p>Where each click goes, by child name:
 * <ul>
 *   <li>rejected: its original key, value and headers plus the dead-letter headers, to the dead-letter sink;</li>
 *   <li>anonymous ({@code userid} -1), whatever its key: enriched without a user, key {@code "-1"};</li>
 *   <li>keyed by its user id: enriched with the user as of its event time, key unchanged;</li>
 *   <li>keyed otherwise (Datagen's default ip key), read from {@value Topics#CLICKS}: re-keyed by user id with its
 *       original payload and headers, to the repartition topic. The second instance of this processor reads it back
 *       from there (then every click is keyed by its user id) and joins it on the partition that holds its user;</li>
 *   <li>keyed otherwise, read from the repartition topic (written by something else): rejected, as
 *       {@value RejectedInputException#KEY_MISMATCH}.</li>
 * </ul>
 */
final class ClickEnricher implements Processor<byte[], Decoded<Click>, byte[], byte[]> {

    /** Which stream an instance reads: the input topic, or the repartition topic of re-keyed clicks. */
    enum Input {
        /** {@value Topics#CLICKS}: counted as records in; clicks keyed otherwise than by user id are re-keyed. */
        CLICKS,
        /** The clicks re-keyed by user id, after the repartition: already counted, and keyed by user id. */
        CLICKS_BY_USER
    }

    /**
     * Names of the nodes this processor forwards to.
     *
     * @param misKeyed the first node towards the repartition topic; {@code null} for {@link Input#CLICKS_BY_USER}
     */
    record Children(String enriched, String deadLetters, String misKeyed) {
    }

    private final Input input;
    private final Children children;
    private final EventTimeBounds eventTimeBounds;
    private final InputChecks<Click> checks;
    private final StatusDefinitions statusDefinitions;
    private final EnricherMetrics metrics;
    private ProcessorContext<byte[], byte[]> context;
    private ClickJoin join;
    private EnricherMetrics.ClickCounts counts;

    ClickEnricher(Input input, Children children, ClickLimits limits, StatusDefinitions statusDefinitions,
                  EnricherMetrics metrics) {
        this.input = input;
        this.children = children;
        this.eventTimeBounds = new EventTimeBounds(limits);
        this.checks = new InputChecks<>(Click.class, limits.maxRecordBytes(), false);
        this.statusDefinitions = statusDefinitions;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.counts = metrics.clickCounts();
        this.join = new ClickJoin(context.getStateStore(EnricherTopology.USERS_STORE),
                context.getStateStore(LatestUsers.STORE),
                new RecentStatusCodes(context.getStateStore(EnricherTopology.STATUS_CODES_STORE), statusDefinitions,
                        metrics, context::currentSystemTimeMs), counts);
    }

    @Override
    public void process(Record<byte[], Decoded<Click>> record) {
        if (input == Input.CLICKS) {
            counts.clickIn();
        }
        Decoded<Click> decoded = record.value();
        InputChecks.Problem problem = checks.problem(record.key(), decoded);
        if (problem != null) {
            reject(record, problem.stage(), problem.error());
            return;
        }
        Click click = decoded.value();
        RequestLine requestLine;
        try {
            requestLine = RequestLine.parse(click.request());
            eventTimeBounds.check(click);
        } catch (RuntimeException e) {
            reject(record, InputChecks.STAGE_VALIDATE, e);
            return;
        }
        byte[] key = record.key();
        if (click.isAnonymous()) {
            byte[] enriched = join.enrich(key, click, requestLine, record.timestamp(),
                    PlainJson.isPlain(decoded.payload()));
            context.forward(record.withKey(UserKeys.ANONYMOUS).withValue(enriched), children.enriched());
        } else if (UserKeys.matches(key, click.userId())) {
            context.forward(record.withValue(join.enrich(key, click, requestLine, record.timestamp(),
                    PlainJson.isPlain(decoded.payload()))), children.enriched());
        } else if (children.misKeyed() != null) {
            // Its user lives on the partition of its user id: there it is read back, checked again (it passes) and
            // joined. The original payload travels, so it is decoded there as it was here.
            context.forward(record.withKey(UserKeys.of(click.userId())).withValue(decoded.payload()),
                    children.misKeyed());
        } else {
            // Only clicks-enrich writes the repartition topic, keyed by user id: this record came from another
            // producer, and on this partition its user may not be found. A dead letter, not a stopped application.
            reject(record, InputChecks.STAGE_VALIDATE, new RejectedInputException(RejectedInputException.KEY_MISMATCH,
                    "a click on the repartition topic is keyed " + UserKeys.describe(key) + ", not by its userid "
                            + click.userId() + ": the topic was written by something other than this enricher"));
        }
    }

    @Override
    public void close() {
        if (counts != null) {       // null when the task closed before this processor was initialised
            counts.close();
        }
    }

    private void reject(Record<byte[], Decoded<Click>> record, String stage, RuntimeException error) {
        context.forward(Rejections.reject(record, record.value().payload(), context.recordMetadata(), stage, error,
                metrics), children.deadLetters());
    }
}
