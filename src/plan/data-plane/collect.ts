// Every AWS data-plane resource each function touches, from three sources: the execution role's IAM statements,
// environment variables whose value references a resource (`Ref:OrdersTable`, an ARN, a queue URL), and SDK call
// sites in the handler (the operations, and the environment variable or literal naming the resource).

import type { DataResourceInfo, Inventory, LambdaFunction, Role } from '../../model/inventory.js';
import type { DataService } from '../../model/plan.js';
import type { CodeFacts } from '../sdk-scan.js';
import { referencedName, SERVICE_OF_PREFIX, SERVICE_OF_TYPE, triggerStore } from './resource-names.js';

export interface Touched {
  service: DataService;
  name: string;
  info?: DataResourceInfo;
  envVars: Set<string>;
  operations: Set<string>;
  actions: Set<string>;
  conditions: Set<string>;
  usedBy: Set<string>;
  /** The function reads it through a trigger as well (its counterpart is the trigger's resource). */
  triggered: boolean;
}

/** IAM actions a trigger's event source mapping needs: covered by the Azure trigger, not data-plane access. */
const TRIGGER_SIDE = /^(sqs:(ReceiveMessage|DeleteMessage|DeleteMessageBatch|ChangeMessageVisibility|GetQueueAttributes|GetQueueUrl)|dynamodb:(GetRecords|GetShardIterator|DescribeStream|ListStreams)|kinesis:(GetRecords|GetShardIterator|DescribeStream|DescribeStreamSummary|ListShards|ListStreams|SubscribeToShard))$/i;

const keyOf = (service: DataService, name: string): string => `${service}:${name}`;

type Resolved = { service: DataService; name: string; info?: DataResourceInfo };

export class DataPlaneCollector {
  readonly found = new Map<string, Touched>();
  private readonly byLogical = new Map<string, DataResourceInfo>();
  private readonly byPhysical = new Map<string, DataResourceInfo>();
  private readonly roles: Map<string, Role>;
  /** Each role's allowed data-plane actions with the resource each names, resolved once however many functions share it. */
  private readonly roleGrants = new Map<string, { resource: Resolved; action: string }[]>();

  constructor(inv: Inventory) {
    this.roles = new Map(inv.roles.map((r) => [r.id, r]));
    for (const d of inv.dataResources ?? []) {
      if (!this.byLogical.has(d.logicalId)) this.byLogical.set(d.logicalId, d);
      if (d.physicalName && !this.byPhysical.has(d.physicalName)) this.byPhysical.set(d.physicalName, d);
    }
  }

  /** Resolve a reference to (service, canonical name): a template's resource by logical id or physical name. */
  private resolve(ref: { service?: DataService; name: string; logical: boolean }, service?: DataService): Resolved | undefined {
    const info = ref.logical ? this.byLogical.get(ref.name) : this.byPhysical.get(ref.name);
    const s = (info ? SERVICE_OF_TYPE[info.type] : undefined) ?? ref.service ?? service;
    if (!s || (service && s !== service)) return undefined;
    if (ref.logical && !info && !service) return undefined; // a symbol to something that is not a data resource
    return { service: s, name: info?.logicalId ?? ref.name, info };
  }

  private touch(fn: LambdaFunction, r: { service: DataService; name: string; info?: DataResourceInfo }): Touched {
    const k = keyOf(r.service, r.name);
    let t = this.found.get(k);
    if (!t) {
      t = { service: r.service, name: r.name, info: r.info, envVars: new Set(), operations: new Set(), actions: new Set(), conditions: new Set(), usedBy: new Set(), triggered: false };
      this.found.set(k, t);
    }
    t.usedBy.add(fn.name);
    return t;
  }

  addFunction(fn: LambdaFunction, code: CodeFacts | undefined): void {
    const mine = new Map<string, Touched>();
    const touch = (r: { service: DataService; name: string; info?: DataResourceInfo }) => {
      const t = this.touch(fn, r);
      mine.set(keyOf(t.service, t.name), t);
      return t;
    };
    const triggered = new Set(fn.triggers.map(triggerStore).filter((s) => s !== undefined).map((s) => {
      const r = this.resolve({ name: s.name, logical: !s.name.includes(':') && this.byLogical.has(s.name) }, s.service);
      return keyOf(s.service, r?.name ?? s.name);
    }));

    // 1. Environment references: the variable keeps its name and will hold the Azure counterpart.
    const envTarget = new Map<string, Touched>();
    for (const e of fn.environment) {
      if (e.value === undefined || (e.kind !== 'reference' && e.kind !== 'plain')) continue;
      const ref = referencedName(e.kind === 'reference' ? { symbol: e.value } : e.value);
      if (!ref) continue;
      // A plain value names a resource only as an ARN/URL or a template's physical name.
      if (e.kind === 'plain' && !ref.service && !this.byPhysical.has(ref.name)) continue;
      const r = this.resolve(ref);
      if (!r) continue;
      const t = touch(r);
      t.envVars.add(e.name);
      envTarget.set(e.name, t);
    }

    // 2. IAM statements of the execution role.
    for (const { resource: r, action } of this.grantsOf(fn.roleRef)) {
      if (triggered.has(keyOf(r.service, r.name)) && TRIGGER_SIDE.test(action)) continue;
      touch(r).actions.add(action);
    }

    // 3. SDK call sites: the env var or literal in the call names the resource; otherwise every resource of that
    //    service the function already touches (or, with none, the variable itself names an unknown resource).
    for (const site of code?.operations ?? []) {
      const targets: Touched[] = [];
      for (const v of site.envVars) {
        const t = envTarget.get(v);
        if (t?.service === site.service) targets.push(t);
      }
      for (const lit of site.literals) {
        const ref = referencedName(lit);
        const r = ref ? this.resolve(ref, site.service) : undefined;
        if (r) targets.push(touch(r));
      }
      if (targets.length === 0) targets.push(...[...mine.values()].filter((t) => t.service === site.service));
      if (targets.length === 0) {
        const named = site.envVars.find((v) => fn.environment.some((e) => e.name === v));
        if (named) {
          const t = touch({ service: site.service, name: named });
          t.envVars.add(named);
          targets.push(t);
        }
      }
      for (const t of targets) {
        t.operations.add(site.operation);
        for (const c of site.conditions) t.conditions.add(c);
      }
    }
    for (const [k, t] of mine) if (triggered.has(k)) t.triggered = true;
  }

  private grantsOf(roleId: string | undefined): { resource: Resolved; action: string }[] {
    if (roleId === undefined) return [];
    let grants = this.roleGrants.get(roleId);
    if (grants) return grants;
    grants = [];
    for (const p of this.roles.get(roleId)?.policies ?? []) {
      for (const st of p.statements) {
        if (st.effect !== 'Allow') continue;
        for (const action of st.actions) {
          const service = SERVICE_OF_PREFIX[action.split(':')[0]!.toLowerCase()];
          if (!service) continue;
          for (const res of st.resources) {
            const ref = referencedName(res);
            const resource = ref ? this.resolve(ref, service) : undefined;
            if (resource) grants.push({ resource, action });
          }
        }
      }
    }
    this.roleGrants.set(roleId, grants);
    return grants;
  }

  /** Resources with data-plane access (a trigger alone is not one). */
  touched(): Touched[] {
    return [...this.found.values()].filter((t) => t.operations.size > 0 || t.actions.size > 0 || t.envVars.size > 0);
  }
}
