// Members' data requests (`years/{year}/dataRequests/{requestId}`): one small document each.
import type { Transaction } from 'firebase-admin/firestore';
import { DataRequestDocSchema, type DataRequestDoc } from '../../model';
import type { FirestoreIo, Writer } from './io';
import { paths } from './paths';

export function firestoreDataRequests(io: FirestoreIo) {
  return {
    getDataRequest: (year: number, requestId: string, tx?: Transaction): Promise<DataRequestDoc | undefined> =>
      io.read(paths.dataRequest(year, requestId), DataRequestDocSchema, tx),
    putDataRequest: (writer: Writer, doc: DataRequestDoc): void => {
      io.set(writer, paths.dataRequest(doc.year, doc.requestId), doc);
    },
    listDataRequests: (year: number): Promise<DataRequestDoc[]> =>
      io.list(io.db.collection(paths.dataRequests(year)), DataRequestDocSchema),
    dataRequestsOf: (year: number, memberId: string): Promise<DataRequestDoc[]> =>
      io.list(io.db.collection(paths.dataRequests(year)).where('memberId', '==', memberId), DataRequestDocSchema),
  };
}
