// The views' own small documents (`years/{year}/sheets/{name}`): spreadsheet registry, row positions, sync runs.

export interface ViewStateReads {
  /** Small documents the views keep for themselves (spreadsheet registry, row positions), by name. */
  getViewState(year: number, name: string): Promise<unknown>;
}

/** The views' documents inside a transaction. */
export interface ViewStateTx extends ViewStateReads {
  /** Several of the views' documents in one round trip, in the order of `names` (undefined where absent). */
  getViewStates(year: number, names: readonly string[]): Promise<unknown[]>;
  putViewState(year: number, name: string, data: Record<string, unknown>): void;
}

export interface ViewStateStore extends ViewStateReads {
  putViewState(year: number, name: string, data: Record<string, unknown>): Promise<void>;
}
