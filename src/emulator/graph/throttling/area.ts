// The emulator enforces the same areas the client budgets for; the list lives in the shared contract.
export { throttleAreaOf } from '../../../shared/intune/throttle-areas.ts';
export type { ThrottleArea } from '../../../shared/intune/throttle-areas.ts';
