// Where each aggregate is stored; export/import for local persistence walks exactly these collections.
import { rankPaths } from './rank-index';

export const paths = {
  year: (year: number) => `years/${year}`,
  configVersion: (year: number, version: number) => `years/${year}/configVersions/${version}`,
  journeys: (year: number) => `years/${year}/journeys`,
  journey: (year: number, memberId: string) => `years/${year}/journeys/${memberId}`,
  evidenceList: (year: number) => `years/${year}/evidence`,
  evidence: (year: number, evidenceId: string) => `years/${year}/evidence/${evidenceId}`,
  inbox: (key: string) => `inbox/${key}`,
  member: (memberId: string) => `members/${memberId}`,
  accessLog: (memberId: string) => `members/${memberId}/accessLog`,
  viewState: (year: number, name: string) => `years/${year}/sheets/${name}`,
  nominationsList: (year: number) => `years/${year}/nominations`,
  nominations: (year: number, unitId: string) => `years/${year}/nominations/${unitId}`,
  ranking: rankPaths.collection,
  dataRequests: (year: number) => `years/${year}/dataRequests`,
  dataRequest: (year: number, requestId: string) => `years/${year}/dataRequests/${requestId}`,
  audit: 'audit',
  viewWork: 'viewWork',
};

/** The outbox's collections. */
export const mailPaths = {
  mail: 'mail',
  content: 'mailContent',
  budget: 'mailBudget',
};
