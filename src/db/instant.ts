import { date, timestamp } from 'drizzle-orm/pg-core';

/** A point in time, always with its zone. */
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A calendar day, kept as 'YYYY-MM-DD' text in JS. */
export const day = (name: string) => date(name, { mode: 'string' });
