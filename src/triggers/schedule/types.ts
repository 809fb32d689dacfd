import type { TriggerBase } from '../../model/inventory.js';

export interface ScheduleTrigger extends TriggerBase {
  kind: 'schedule';
  /** `rate(5 minutes)`, `cron(0 12 * * ? *)` or `at(2026-01-01T00:00:00)`. */
  expression: string;
  timezone?: string;
  /** `events` (EventBridge rule) or `scheduler` (EventBridge Scheduler). */
  via: 'events' | 'scheduler';
  flexibleTimeWindowMinutes?: number;
  input?: 'constant' | 'path' | 'transformer';
  group?: string;
}
