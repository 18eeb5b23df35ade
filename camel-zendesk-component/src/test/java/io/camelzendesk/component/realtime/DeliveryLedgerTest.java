package io.camelzendesk.component.realtime;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelzendesk.component.position.FilePositionRepository;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger's rules: once per version, never older after newer, leases, bounded; shared through a file. */
class DeliveryLedgerTest {

    private final AtomicLong now = new AtomicLong(1_800_000_000_000L);
    private final long t = now.get() / 1000;

    private DeliveryLedger ledger(org.apache.camel.spi.StateRepository<String, String> state) {
        return new DeliveryLedger(state, "acme/tickets/changes/delivered", 60_000, now::get);
    }

    @Test
    void aVersionIsDeliveredOnceAndNeverAnOlderOneAfterIt() {
        DeliveryLedger ledger = ledger(new MemoryStateRepository());
        DeliveryLedger.Claim first = ledger.claim(7, t);
        assertThat(first.outcome()).isEqualTo(DeliveryLedger.Outcome.CLAIMED);
        ledger.commit(first, t + 2);
        assertThat(ledger.delivered(7)).isEqualTo(t + 2);
        assertThat(ledger.claim(7, t).outcome()).isEqualTo(DeliveryLedger.Outcome.DELIVERED);
        assertThat(ledger.claim(7, t + 2).outcome()).isEqualTo(DeliveryLedger.Outcome.DELIVERED);
        assertThat(ledger.claim(7, t + 3).outcome()).isEqualTo(DeliveryLedger.Outcome.CLAIMED);
    }

    @Test
    void aClaimHoldsTheObjectUntilCommittedReleasedOrItsLeaseRunsOut() {
        DeliveryLedger ledger = ledger(new MemoryStateRepository());
        DeliveryLedger.Claim held = ledger.claim(7, t);
        DeliveryLedger.Claim other = ledger.claim(7, t + 1);
        assertThat(other.outcome()).isEqualTo(DeliveryLedger.Outcome.BUSY);
        assertThat(other.busyUntil()).isEqualTo(now.get() + 60_000);

        ledger.release(held);
        DeliveryLedger.Claim retaken = ledger.claim(7, t);
        assertThat(retaken.outcome()).isEqualTo(DeliveryLedger.Outcome.CLAIMED);
        assertThat(ledger.delivered(7)).isZero();

        // the holder dies: its lease runs out and the object is free; its late commit still counts as delivered
        now.addAndGet(60_001);
        DeliveryLedger.Claim afterLease = ledger.claim(7, t);
        assertThat(afterLease.outcome()).isEqualTo(DeliveryLedger.Outcome.CLAIMED);
        ledger.release(retaken);
        assertThat(ledger.claim(7, t).outcome()).as("a stale release frees nothing")
                .isEqualTo(DeliveryLedger.Outcome.BUSY);
    }

    @Test
    void twoNodesSharingTheFileSeeEachOthersClaimsAndDeliveries(@TempDir Path dir) throws Exception {
        FilePositionRepository a = FilePositionRepository.inDirectory(dir.toString());
        FilePositionRepository b = FilePositionRepository.inDirectory(dir.toString());
        a.start();
        b.start();
        try {
            DeliveryLedger nodeA = ledger(a);
            DeliveryLedger nodeB = ledger(b);
            DeliveryLedger.Claim claim = nodeA.claim(7, t);
            assertThat(nodeB.claim(7, t).outcome()).isEqualTo(DeliveryLedger.Outcome.BUSY);
            nodeA.commit(claim, t);
            assertThat(nodeB.claim(7, t).outcome()).isEqualTo(DeliveryLedger.Outcome.DELIVERED);
        } finally {
            a.stop();
            b.stop();
        }
    }

    @Test
    void entriesGoOnceTheExportReadPastThemAndTheDuplicateHorizonPassed() {
        DeliveryLedger ledger = ledger(new MemoryStateRepository());
        ledger.commit(ledger.claim(1, t - 1000), t - 1000);
        ledger.commit(ledger.claim(2, t - 10), t - 10);
        assertThat(ledger.size()).isEqualTo(2);
        // the export has not read past them: both stay
        ledger.commit(ledger.claim(3, t), t);
        assertThat(ledger.size()).isEqualTo(3);
        // it has: the one older than the horizon goes, the recent one stays (a late webhook retry may come)
        ledger.exportedUpTo(t + 100);
        ledger.commit(ledger.claim(4, t), t);
        assertThat(ledger.delivered(1)).isZero();
        assertThat(ledger.delivered(2)).isEqualTo(t - 10);
        assertThat(ledger.size()).isEqualTo(3);
    }

    @Test
    void theLedgerNeverHoldsMoreThanItsBound() {
        DeliveryLedger ledger = new DeliveryLedger(new MemoryStateRepository(), "k", 60_000, now::get, 100);
        for (int id = 0; id < 105; id++) {
            ledger.commit(ledger.claim(id, t + id), t + id);
        }
        assertThat(ledger.size()).isEqualTo(100);
        assertThat(ledger.delivered(4)).as("the oldest went first").isZero();
        assertThat(ledger.delivered(5)).isPositive();
    }
}
