// When a journal club meets, and when its announcement and reminders are due (in the channel's time zone).
import { addDays, localParts, weekdayOf, zonedInstant } from "../digest/zoned-time.ts";
import type { JcSchedule } from "./journal-club-state.ts";

/** The messages sent before each meeting, in the order they go out. */
export type JcEvent = "announce" | "remind_day" | "remind_hour";

export interface Meeting {
  /** Local date, `YYYY-MM-DD`. */
  date: string;
  at: Date;
}

/**
 * How long before the meeting each message goes out. The announcement comes the day before, two hours
 * ahead of the day-before reminder, so someone can take *I'll present* before the reminder names them.
 */
export const EVENT_LEAD_MS: Record<JcEvent, number> = {
  announce: 26 * 3_600_000,
  remind_day: 24 * 3_600_000,
  remind_hour: 3_600_000,
};

/** The first meeting strictly after `now`. */
export function nextMeeting(schedule: JcSchedule, now: Date): Meeting {
  const today = localParts(now, schedule.timezone).date;
  for (let offset = 0; offset <= 7; offset++) {
    const date = addDays(today, offset);
    if (weekdayOf(date) !== schedule.day) continue;
    const at = zonedInstant(date, schedule.time, schedule.timezone);
    if (at.getTime() > now.getTime()) return { date, at };
  }
  // Only reached when today is the day and the time has passed: a week from today.
  const date = addDays(today, 7);
  return { date, at: zonedInstant(date, schedule.time, schedule.timezone) };
}

/** When `event` of `meeting` is due. */
export function eventInstant(meeting: Meeting, event: JcEvent): Date {
  return new Date(meeting.at.getTime() - EVENT_LEAD_MS[event]);
}

/**
 * The events of the next meeting that are due at `now`, in order. An event stays due until the meeting
 * starts (a restart catches up), except that a reminder whose time had passed when the schedule was set is
 * never sent, and a day-before reminder is dropped once the hour-before one is due too (one reminder is
 * enough). The announcement is due from its time on, however late the schedule was set: it picks the paper.
 */
export function dueEvents(schedule: JcSchedule, now: Date): { meeting: Meeting; events: JcEvent[] } {
  const meeting = nextMeeting(schedule, now);
  const setAt = Date.parse(schedule.setAt);
  const due = (event: JcEvent) => {
    const at = eventInstant(meeting, event).getTime();
    if (at > now.getTime()) return false;
    return event === "announce" || at >= setAt;
  };
  const events: JcEvent[] = [];
  if (due("announce")) events.push("announce");
  if (due("remind_hour")) events.push("remind_hour");
  else if (due("remind_day")) events.push("remind_day");
  return { meeting, events };
}
