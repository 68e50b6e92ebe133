// The store the use cases see: every aggregate's port, composed, inside and outside a transaction.
import type { AccessLogPages, AccessLogStore } from './access-log';
import type { AuditStore, AuditTx } from './audit';
import type { DataRequestStore, DataRequestTx } from './data-requests';
import type { ErasureStore } from './erasure';
import type { EvidenceStore, EvidenceTx } from './evidence';
import type { InboxStore, InboxTx } from './inbox';
import type { JourneyStore, JourneyTx, RankingStore } from './journeys';
import type { MemberStore, MemberTx } from './members';
import type { NominationsStore, NominationsTx } from './nominations';
import type { OutboxTx } from './outbox';
import type { PlanStore, PlanTx } from './plans';
import type { ViewStateStore, ViewStateTx } from './view-state';
import type { ViewWorkStore, ViewWorkTx } from './view-work';

/** Reads and writes inside one transaction: every read happens before the first write. */
export interface StoreTx
  extends
    PlanTx,
    JourneyTx,
    EvidenceTx,
    InboxTx,
    MemberTx,
    AuditTx,
    ViewStateTx,
    NominationsTx,
    ViewWorkTx,
    OutboxTx,
    DataRequestTx {}

export interface Store
  extends
    PlanStore,
    InboxStore,
    JourneyStore,
    EvidenceStore,
    MemberStore,
    NominationsStore,
    RankingStore,
    AuditStore,
    ViewStateStore,
    ViewWorkStore,
    DataRequestStore,
    ErasureStore,
    AccessLogStore,
    AccessLogPages {
  /**
   * Runs `work` in a transaction. Work for the same `lockKey` (a member) is also serialised inside
   * this process, which is what keeps concurrent decisions correct on the embedded emulator.
   */
  transaction<T>(lockKey: string, work: (tx: StoreTx) => Promise<T>): Promise<T>;
}
