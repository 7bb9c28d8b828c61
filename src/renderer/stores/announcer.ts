// What the screen reader hears without moving focus: result counts, a sync finishing. One
// polite live region (app/LiveRegion.tsx) reads this store.
import { create } from 'zustand';

interface Announcer {
  readonly message: string;
  /** Bumped on every announcement, so the same sentence twice is read twice. */
  readonly serial: number;
  announce(message: string): void;
}

export const useAnnouncer = create<Announcer>()((set) => ({
  message: '',
  serial: 0,
  announce: (message) => set((s) => ({ message, serial: s.serial + 1 })),
}));

export function announce(message: string): void {
  useAnnouncer.getState().announce(message);
}
