// The year's plan (`years/{year}`), every version of it kept (`years/{year}/configVersions/{n}`).
import type { YearDoc } from '../model';

export interface PlanReads {
  getYear(year: number): Promise<YearDoc | undefined>;
}

/** The plan inside a transaction. */
export interface PlanTx extends PlanReads {
  /** Stores a new version of the year's plan, keeping every earlier version with the body as received. */
  putYear(doc: YearDoc, received: string): void;
}

export interface PlanStore extends PlanReads {
  /** One stored version of the year's plan (`years/{year}/configVersions/{n}`). */
  getYearVersion(year: number, version: number): Promise<YearDoc | undefined>;
}
