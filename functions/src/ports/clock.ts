// The time, given to use cases so tests can move it.
export type Clock = () => Date;
