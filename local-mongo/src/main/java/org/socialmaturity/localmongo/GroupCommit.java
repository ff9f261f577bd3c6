package org.socialmaturity.localmongo;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes writes durable in groups, so that many concurrent writers share one commit and one fsync instead of paying
 * one each. A writer calls {@link #awaitDurable()} once its write has landed in the store; the first writer to find
 * no round running leads one (it runs the durability step for every write landed so far), and writers that arrive
 * while a round runs wait for the next round, which covers them too.
 */
final class GroupCommit {

    private final Runnable commitAndSync;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition roundFinished = lock.newCondition();
    // Writes are numbered in the order they report having landed; a round that starts after write n landed covers it.
    private long landedWrites;
    private long durableWrites;
    private boolean roundRunning;
    private long rounds;

    /** {@code commitAndSync} must make every change already in the store durable before it returns. */
    GroupCommit(Runnable commitAndSync) {
        this.commitAndSync = commitAndSync;
    }

    /**
     * Returns once the caller's write, which must already be in the store, is durable; throws what the durability
     * step threw if the round that would have covered it failed, so the write is never acknowledged as durable.
     */
    void awaitDurable() {
        lock.lock();
        try {
            long write = ++landedWrites;
            while (durableWrites < write) {
                if (roundRunning) {
                    roundFinished.awaitUninterruptibly();
                } else {
                    leadRound();
                }
            }
        } finally {
            lock.unlock();
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

    /** How many writes have asked to be made durable. */
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
