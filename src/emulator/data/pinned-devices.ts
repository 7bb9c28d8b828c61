// Devices of the directory's personas (Adele, Lee, Megan, Pradeep; Isaiah, Nestor), so that
// /me/managedDevices shows something meaningful after signing in as them. They are always
// recently synced; everything else about them is drawn like any other device.
import type { DemoUser } from './users.ts';

export interface PinnedDevice {
  readonly user: DemoUser;
  readonly profileKey: string;
  readonly model: string;
}

const TEMPLATES: readonly (readonly (readonly [profileKey: string, model: string])[])[] = [
  [['win-autopilot', 'Surface Laptop 5'], ['ios-ade', 'iPhone 15 Pro']],
  [['win-autopilot', 'Latitude 5440'], ['ios-ade', 'iPhone 15'], ['android-byod-wp', 'SM-S911B']],
  [['win-autopilot', 'HP EliteBook 840 G10'], ['ipad-ade', 'iPad Air (5th generation)']],
  [['win-hybrid', 'ThinkPad T14 Gen 4'], ['mac-ade', 'MacBook Pro (14-inch, 2023)'], ['android-fully-managed', 'Pixel 8']],
];

/** Two or three devices per persona, in directory order; guests own nothing here. */
export function pinnedDevices(users: readonly DemoUser[]): PinnedDevice[] {
  const out: PinnedDevice[] = [];
  users.filter((u) => u.fromDirectory && !u.isGuest).forEach((user, i) => {
    for (const [profileKey, model] of TEMPLATES[i % TEMPLATES.length] ?? []) out.push({ user, profileKey, model });
  });
  return out;
}
