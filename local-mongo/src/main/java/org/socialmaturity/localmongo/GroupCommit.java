package org.socialmaturity.localmongo;

import java.util.TreeSet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes writes durable in groups, so that many concurrent writers share one commit and one fsync instead of paying
 * one each, and holds back readers until what they were shown is durable. A writer calls {@link #begin()} before its
 * write, {@link #landed(long)} once it is in the store and then {@link #awaitDurable(long)}; the first writer to find
 * no round running leads one (it runs the durability step for every write landed so far), and writers that arrive
 * while a round runs wait for the next round, which covers them too. A reader calls {@link #awaitReadDurable()} after
 * its read: the store shows a write as soon as it lands, before it is durable, and a reader that acted on a write a
 * crash then loses (a projection that recorded an event the store no longer has) would disagree with the store for
 * good. MongoDB's majority read concern promises the same: nothing read can be rolled back.
 */
final class GroupCommit {

    private final Runnable commitAndSync;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition roundFinished = lock.newCondition();
    private final Condition writeLanded = lock.newCondition();
    // Writes are numbered in the order they begin, and again in the order they land: a round that starts after the
    // n-th landing covers the first n landed writes.
    private long begunWrites;
    private final TreeSet<Long> landing = new TreeSet<>();
    private long landedWrites;
    private long durableWrites;
    private boolean roundRunning;
    private long rounds;

    /** {@code commitAndSync} must make every change already in the store durable before it returns. */
    GroupCommit(Runnable commitAndSync) {
        this.commitAndSync = commitAndSync;
    }

    /** A write is about to change the store. @return its ticket, for {@link #landed} */
    long begin() {
        lock.lock();
        try {
            long ticket = ++begunWrites;
            landing.add(ticket);
            return ticket;
        } finally {
            lock.unlock();
        }
    }

    /** The write is in the store (or failed): readers may have seen it. @return its place among landed writes */
    long landed(long ticket) {
        lock.lock();
        try {
            landing.remove(ticket);
            writeLanded.signalAll();
            return ++landedWrites;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns once the write that landed {@code landedAs}-th is durable; throws what the durability step threw if the
     * round that would have covered it failed, so the write is never acknowledged as durable.
     */
    void awaitDurable(long landedAs) {
        lock.lock();
        try {
            awaitRoundCovering(landedAs);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns once every write that began before this call is durable: all a read that just ended can have been
     * shown. At once when no write is pending, which is the usual case of a reader.
     */
    void awaitReadDurable() {
        lock.lock();
        try {
            long shown = begunWrites;
            while (!landing.isEmpty() && landing.first() <= shown) {
                writeLanded.awaitUninterruptibly();
            }
            awaitRoundCovering(landedWrites);
        } finally {
            lock.unlock();
        }
    }

    /** Called holding the lock. */
    private void awaitRoundCovering(long landedAs) {
        while (durableWrites < landedAs) {
            if (roundRunning) {
                roundFinished.awaitUninterruptibly();
            } else {
                leadRound();
            }
        }
    }

    /** Called holding the lock, which it releases while the store commits and syncs, so more writes can land. */
    private void leadRound() {
        long covered = landedWrites;
        roundRunning = true;
        boolean durable = false;
        lock.unlock();
        try {
            commitAndSync.run();
            durable = true;
        } finally {
            lock.lock();
            roundRunning = false;
            if (durable) {
                durableWrites = covered;
                rounds++;
            }
            // After a failure one of the waiting writers leads a new round: each write is either durable or refused.
            roundFinished.signalAll();
        }
    }

    /** How many writes have landed. */
    long writes() {
        lock.lock();
        try {
            return landedWrites;
        } finally {
            lock.unlock();
        }
    }

    /** How many commit-and-sync rounds made them durable: fewer than {@link #writes()} when writers shared rounds. */
    long rounds() {
        lock.lock();
        try {
            return rounds;
        } finally {
            lock.unlock();
        }
    }
}
