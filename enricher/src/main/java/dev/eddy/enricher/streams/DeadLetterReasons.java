package dev.eddy.enricher.streams;

import dev.eddy.events.DeadLetterHeaders;

/** Maps a failure to its bounded reason code: the enricher's own rejections first, then the contract's kinds. */
final class DeadLetterReasons {

    private DeadLetterReasons() {
    }

    static String of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RejectedInputException rejected) {
                return rejected.reason();
            }
        }
        return DeadLetterHeaders.reasonOf(error);
    }

    static DeadLetterHeaders headers(Throwable error, String topic, int partition, long offset, String stage) {
        return new DeadLetterHeaders(error.getClass().getName(), String.valueOf(error.getMessage()), of(error),
                topic, partition, offset, stage);
    }
}
