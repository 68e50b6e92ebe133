// Members' requests about their own data (`years/{year}/dataRequests/{requestId}`).
import type { DataRequestDoc } from '../model';

export interface DataRequestReads {
  getDataRequest(year: number, requestId: string): Promise<DataRequestDoc | undefined>;
}

/** Data requests inside a transaction. */
export interface DataRequestTx extends DataRequestReads {
  putDataRequest(doc: DataRequestDoc): void;
}

export interface DataRequestStore extends DataRequestReads {
  /** Every request of the year (the master's "Yêu cầu dữ liệu" tab): a few per year, never one per member. */
  listDataRequests(year: number): Promise<DataRequestDoc[]>;
  /** One member's requests of the year: an equality query, its reads the member's requests. */
  dataRequestsOf(year: number, memberId: string): Promise<DataRequestDoc[]>;
}
