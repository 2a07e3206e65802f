// Hands out event-loop turns one at a time, so a burst of commands cannot starve Slack's acks.

let last: Promise<void> = Promise.resolve();

/**
 * Resolves on a later turn of the event loop than every earlier caller's, one caller per turn. Work that
 * starts after it (a synchronous index search) therefore runs between I/O polls: under a burst of 200
 * commands, each new request is read and acked before the next queued search takes the CPU, instead of
 * waiting behind all of them (setImmediate alone lets every queued search run in the same turn).
 */
export function nextEventLoopTurn(): Promise<void> {
  const turn = last.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
  last = turn;
  return turn;
}
