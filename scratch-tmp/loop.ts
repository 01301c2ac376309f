import { calendarSyncLoop } from '../tests/bench/calendar-sync-loop.js';
import { planCalendarSync, applyCalendarSync } from '../appliance/schedule/booking-sync.js';
console.log(await calendarSyncLoop());
console.log(await calendarSyncLoop());
