// Each channel's journal club in the shared state store, changed under the channel's lock so no edit is lost.
import { runLocked } from "../state/run-locked.ts";
import type { StateStore } from "../state/state-store.ts";
import { emptyState, type JcChannelState } from "./journal-club-state.ts";

/** A club untouched this long is forgotten (every change renews it). */
const STATE_TTL_MS = 400 * 86_400_000;
/** Channels with a schedule that the scheduler looks at; more than any workspace runs clubs in. */
export const MAX_SCHEDULED_CHANNELS = 1_000;

export interface JournalClubStore {
  /** The channel's club as stored (an empty one when it has none). */
  read(channel: string): Promise<JcChannelState>;
  /**
   * Runs `change` on the channel's current state under its lock (across every instance sharing the store)
   * and stores the state afterwards. Throws `busy` when another instance holds the channel for longer than
   * a few seconds.
   */
  update<T>(channel: string, change: (state: JcChannelState) => T): Promise<T>;
  /** The channels that have a meeting scheduled. */
  scheduledChannels(): Promise<string[]>;
  /**
   * Adds the channel to (or drops it from) the scheduled channels; idempotent, so a schedule command that
   * failed half-way is completed by typing it again.
   */
  track(channel: string, scheduled: boolean): Promise<void>;
}

export function createJournalClubStore(store: StateStore, team: string): JournalClubStore {
  const key = (channel: string) => `jc:club:${team}:${channel}`;
  const channelsKey = `jc:channels:${team}`;
  const busyDetail = "Someone else is changing this channel's journal club; try again in a moment.";

  const read = async (channel: string) => (await store.get<JcChannelState>(key(channel))) ?? emptyState();

  async function track(channel: string, scheduled: boolean): Promise<void> {
    await runLocked(
      store,
      `${channelsKey}:lock`,
      async () => {
        const channels = (await store.get<string[]>(channelsKey)) ?? [];
        const without = channels.filter((id) => id !== channel);
        const next = scheduled ? [...without, channel].slice(-MAX_SCHEDULED_CHANNELS) : without;
        await store.set(channelsKey, next);
      },
      { busyDetail },
    );
  }

  return {
    read,
    update: (channel, change) =>
      runLocked(
        store,
        `${key(channel)}:lock`,
        async () => {
          const state = await read(channel);
          const outcome = change(state);
          await store.set(key(channel), state, STATE_TTL_MS);
          return outcome;
        },
        { busyDetail },
      ),
    track,
    scheduledChannels: async () => (await store.get<string[]>(channelsKey)) ?? [],
  };
}
