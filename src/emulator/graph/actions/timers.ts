// The server's `ActionDeps.schedule`: real timers that never hold the process open,
// since a pending demo wipe must not stop the app or a test run from exiting.
export function unrefTimers(delayMs: number, task: () => void): void {
  const timer = setTimeout(() => {
    try {
      task();
    } catch (error) {
      // A throw here would take the whole emulator down with it; report it instead.
      process.emitWarning(error instanceof Error ? error : new Error(String(error)), { code: 'INTUNE_DESK_ACTION_TIMER' });
    }
  }, delayMs);
  timer.unref();
}
