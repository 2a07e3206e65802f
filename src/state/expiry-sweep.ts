// Deletes expired claims and values on a timer, a bounded batch at a time, so storage does not grow with traffic.

/** How often a backend without native expiry deletes what has expired. Default one minute. */
export const DEFAULT_SWEEP_INTERVAL_MS = 60_000;

/**
 * Runs `sweep` every `intervalMs` on an unref'd timer (it never keeps a process alive) until the returned
 * stop function is called. A sweep that throws is reported to `onError` and the next one tries again.
 */
export function startExpirySweep(
  sweep: () => void,
  intervalMs: number,
  onError: (error: unknown) => void,
): () => void {
  const timer = setInterval(() => {
    try {
      sweep();
    } catch (error) {
      onError(error);
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
