// How a stage reports progress without knowing who draws it: the CLI passes its Reporter's `progress`,
// tests and library callers pass nothing. Drawing (a TTY bar, or nothing) is the CLI's business.

export interface Progress {
  tick: (n?: number) => void;
  done: () => void;
}

export type StartProgress = (label: string, total: number) => Progress;

export const noProgress: StartProgress = () => ({ tick: () => {}, done: () => {} });
