package dev.eddy.enricher.streams;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.eddy.events.Click;

import java.util.List;

/**
 * The fields of one click as {@link ClickFastReader} finds them: which were seen (a bit each, so a repeated field is
 * noticed without a set), their values, and the click they make. The reader steps aside for the contract's codec
 * wherever this says no.
 */
final class ClickFields {

    /**
     * The contract's field names in its order ({@code @JsonPropertyOrder} of {@link Click}, the order Eddy's generator
     * and Datagen write): the field at position i is the bit {@code 1 << i} below.
     */
    static final List<String> NAMES_IN_CONTRACT_ORDER = List.of(Click.class.getAnnotation(JsonPropertyOrder.class)
            .value());
    static final int IP = 1;
    static final int USERID = 1 << 1;
    static final int REMOTE_USER = 1 << 2;
    static final int TIME = 1 << 3;
    static final int EVENT_TIME = 1 << 4;
    static final int REQUEST = 1 << 5;
    static final int STATUS = 1 << 6;
    static final int BYTES = 1 << 7;
    static final int REFERRER = 1 << 8;
    static final int AGENT = 1 << 9;
    static final int SESSION_ID = 1 << 10;
    static final int EVENT_ID = 1 << 11;
    private static final int REQUIRED = USERID | EVENT_TIME | REQUEST | STATUS | BYTES;

    private String ip;
    private String remoteUser;
    private String time;
    private String request;
    private String referrer;
    private String agent;
    private String sessionId;
    private String eventId;
    private int userId;
    private int status;
    private long eventTime;
    private long bytes;
    private int seen;

    /** Marks {@code field} as read; {@code false} when it is unknown (0) or was read before. */
    boolean firstSighting(int field) {
        if (field == 0 || (seen & field) != 0) {
            return false;
        }
        seen |= field;
        return true;
    }

    /** Sets a text field ({@code null} for JSON null). */
    void text(int field, String value) {
        switch (field) {
            case IP -> ip = value;
            case REMOTE_USER -> remoteUser = value;
            case TIME -> time = value;
            case REQUEST -> request = value;
            case REFERRER -> referrer = value;
            case AGENT -> agent = value;
            case SESSION_ID -> sessionId = value;
            case EVENT_ID -> eventId = value;
            default -> throw new IllegalArgumentException("not a text field: " + field);
        }
    }

    /** Sets a number field; the reader has checked that the value fits it. */
    void number(int field, long value) {
        switch (field) {
            case USERID -> userId = (int) value;
            case STATUS -> status = (int) value;
            case EVENT_TIME -> eventTime = value;
            case BYTES -> bytes = value;
            default -> throw new IllegalArgumentException("not a number field: " + field);
        }
    }

    /** The field at {@code position} in {@link #NAMES_IN_CONTRACT_ORDER}. */
    static int inContractOrder(int position) {
        return 1 << position;
    }

    /** Where {@code field} stands in {@link #NAMES_IN_CONTRACT_ORDER}. */
    static int contractPosition(int field) {
        return Integer.numberOfTrailingZeros(field);
    }

    /** The field of that name, or 0 when the contract has none. */
    static int named(String name) {
        int position = NAMES_IN_CONTRACT_ORDER.indexOf(name);
        return position < 0 ? 0 : inContractOrder(position);
    }

    static boolean isNumber(int field) {
        return field == USERID || field == STATUS || field == EVENT_TIME || field == BYTES;
    }

    /** Whether the number field holds an int ({@code userid}, {@code status}) rather than a long. */
    static boolean isInt(int field) {
        return field == USERID || field == STATUS;
    }

    /**
     * The click, or {@code null} when a required field is missing or the contract refuses a value (the codec then
     * words the error).
     */
    Click click() {
        if ((seen & REQUIRED) != REQUIRED || request == null) {
            return null;
        }
        try {
            return new Click(ip, userId, remoteUser, time, eventTime, request, status, bytes, referrer, agent,
                    sessionId, eventId);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
