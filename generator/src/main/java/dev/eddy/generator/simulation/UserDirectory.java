package dev.eddy.generator.simulation;

import dev.eddy.events.User;

import java.util.Arrays;

/**
 * The registered users and who is free to start a visit. Attributes live in parallel arrays (a few bytes per user)
 * and a {@link User} record is built only when a version is published, so large populations stay cheap.
 *
 * <p>A user is <em>idle</em> (may start a visit), <em>visiting</em>, or <em>resting</em> after a visit until more
 * than the session gap has passed since its last click. Visits end in simulated-time order, so resting users form a
 * FIFO queue ordered by the time they become idle again.
 */
final class UserDirectory {

    private int count;
    private long[] registeredAt = new long[1024];
    private byte[] handle = new byte[1024];
    private byte[] firstName = new byte[1024];
    private byte[] lastName = new byte[1024];
    private byte[] city = new byte[1024];
    private byte[] level = new byte[1024];
    private byte[] agent = new byte[1024];

    private int[] idle = new int[1024];
    private int idleCount;

    private int[] restingIds = new int[1024];
    private long[] restingUntil = new long[1024];
    private int restingHead;
    private int restingSize;

    /** Registers a new user (ids count up from 1) and makes them idle. */
    User register(long at, Draws draws) {
        int id = ++count;
        ensureCapacity(id + 1);
        registeredAt[id] = at;
        handle[id] = (byte) draws.index(ValueDomains.USERNAME_HANDLES.size());
        firstName[id] = (byte) draws.index(ValueDomains.FIRST_NAMES.size());
        lastName[id] = (byte) draws.index(ValueDomains.LAST_NAMES.size());
        city[id] = (byte) draws.index(ValueDomains.CITIES.size());
        // Most users start at the lowest level and are upgraded over time.
        level[id] = (byte) draws.weighted(new double[]{0.6, 0.9, 1.0});
        agent[id] = (byte) draws.weighted(ValueDomains.BROWSER_AGENT_WEIGHTS);
        pushIdle(id);
        return user(id);
    }

    int count() {
        return count;
    }

    /** The user's current version. */
    User user(int id) {
        return new User(id, username(id), registeredAt[id], ValueDomains.FIRST_NAMES.get(firstName[id]),
                ValueDomains.LAST_NAMES.get(lastName[id]), ValueDomains.CITIES.get(city[id]),
                ValueDomains.LEVELS.get(level[id]));
    }

    long registeredAt(int id) {
        return registeredAt[id];
    }

    /**
     * Changes a random user: a level upgrade if there is a level above, otherwise (or one time in three) a move to
     * another city. Returns the new version.
     */
    User changeSomeone(Draws draws) {
        int id = 1 + draws.index(count);
        boolean canUpgrade = level[id] < ValueDomains.LEVELS.size() - 1;
        if (canUpgrade && !draws.chance(1.0 / 3)) {
            level[id]++;
        } else {
            int move = 1 + draws.index(ValueDomains.CITIES.size() - 1);
            city[id] = (byte) ((city[id] + move) % ValueDomains.CITIES.size());
        }
        return user(id);
    }

    /** Moves users whose rest ended by {@code now} back to idle. */
    void wakeUp(long now) {
        while (restingSize > 0 && restingUntil[restingHead] <= now) {
            pushIdle(restingIds[restingHead]);
            restingHead = (restingHead + 1) % restingIds.length;
            restingSize--;
        }
    }

    /** Takes a random idle user for a new visit, or returns 0 when every user is visiting or resting. */
    int takeIdle(Draws draws) {
        if (idleCount == 0) {
            return 0;
        }
        int slot = draws.index(idleCount);
        int id = idle[slot];
        idle[slot] = idle[--idleCount];
        return id;
    }

    /** Ends a visit: the user may start the next one only after {@code idleAfter}. */
    void rest(int id, long idleAfter) {
        if (restingSize == restingIds.length) {
            growResting();
        }
        int tail = (restingHead + restingSize) % restingIds.length;
        restingIds[tail] = id;
        restingUntil[tail] = idleAfter;
        restingSize++;
    }

    String ip(int id) {
        long h = mix(id);
        int first = ValueDomains.VISITOR_FIRST_OCTETS[(int) ((h >>> 60) & 3)];
        return first + "." + ((h >>> 8) & 0xFF) + "." + ((h >>> 16) & 0xFF) + "." + (1 + ((h >>> 24) & 0xFF) % 254);
    }

    String agent(int id) {
        return ValueDomains.BROWSER_AGENTS.get(agent[id]);
    }

    private String username(int id) {
        return ValueDomains.USERNAME_HANDLES.get(handle[id]) + "_" + id;
    }

    private void pushIdle(int id) {
        if (idleCount == idle.length) {
            idle = Arrays.copyOf(idle, idle.length * 2);
        }
        idle[idleCount++] = id;
    }

    private void growResting() {
        int[] ids = new int[restingIds.length * 2];
        long[] until = new long[restingIds.length * 2];
        for (int i = 0; i < restingSize; i++) {
            int from = (restingHead + i) % restingIds.length;
            ids[i] = restingIds[from];
            until[i] = restingUntil[from];
        }
        restingIds = ids;
        restingUntil = until;
        restingHead = 0;
    }

    private void ensureCapacity(int size) {
        if (size <= registeredAt.length) {
            return;
        }
        int capacity = Math.max(size, registeredAt.length * 2);
        registeredAt = Arrays.copyOf(registeredAt, capacity);
        handle = Arrays.copyOf(handle, capacity);
        firstName = Arrays.copyOf(firstName, capacity);
        lastName = Arrays.copyOf(lastName, capacity);
        city = Arrays.copyOf(city, capacity);
        level = Arrays.copyOf(level, capacity);
        agent = Arrays.copyOf(agent, capacity);
    }

    /** SplitMix64 finaliser: a stable, well-spread hash of the user id. */
    static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
