// Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Graph sends seconds, sometimes
// with decimals ("2.128", FACTS §4); Intune's demo sends whole seconds. Rounded up to the next
// millisecond so a retry is never early.

/** Milliseconds to wait from `nowMs`, or undefined when the value is missing or unreadable. */
export function retryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  // Every HTTP-date form starts with the day's name ("Sun, 06 Nov 1994 08:49:37 GMT").
  if (!/^[A-Za-z]{3}/.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
