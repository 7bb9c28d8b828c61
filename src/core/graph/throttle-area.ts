// Which of Intune's published budgets a request spends: the areas are the shared contract
// (the demo tenant enforces the same ones). Writes also count as "any request".
export { throttleAreaOf } from '../../shared/intune/throttle-areas.ts';
export type { ThrottleArea } from '../../shared/intune/throttle-areas.ts';

export type RequestKind = 'any' | 'write';

const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isWriteMethod(method: string): boolean {
  return WRITE_METHODS.has(method.toUpperCase());
}
