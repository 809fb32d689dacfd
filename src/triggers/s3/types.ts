import type { Resolvable, TriggerBase } from '../../model/inventory.js';

export interface S3Trigger extends TriggerBase {
  kind: 's3';
  bucket: Resolvable;
  events: string[];
  prefix?: string;
  suffix?: string;
  existing?: boolean;
}
