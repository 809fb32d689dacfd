// Application Load Balancer targets → an HTTP trigger on the first path condition (ALB event shape). Read from
// Serverless `alb`, AWS::ElasticLoadBalancingV2::TargetGroup (+ the listener rules forwarding to it), permissions, live ELB.

import { allReferencedLogicalIds, asArray, asRecord } from '../../discover/templates/context.js';
import { slug } from '../../plan/names.js';
import type { TriggerModule } from '../module.js';
import { noRoles } from '../shared/roles.js';
import { cfnBase, cfnStrings, targetFunction, type JoinContext } from '../shared/cfn-input.js';
import { httpConvert, httpEmit } from '../shared/http.js';
import { ALL_METHODS, mapRoute, one } from '../shared/plan.js';
import { slsNames, slsVal } from '../shared/serverless-input.js';
import type { AlbTrigger } from './types.js';

type Conditions = NonNullable<AlbTrigger['conditions']>;

/** Path, host and method conditions of the listener rules forwarding to the target group. */
function listenerConditions(j: JoinContext, logicalId: string): Conditions {
  const r = j.ctx.resolver;
  const conditions: Conditions = {};
  for (const res of Object.values(j.ctx.resources)) {
    if (res.Type !== 'AWS::ElasticLoadBalancingV2::ListenerRule') continue;
    const rp = asRecord(res.Properties);
    const forwards = asArray(rp.Actions).some((a) => allReferencedLogicalIds(asRecord(a).TargetGroupArn ?? asRecord(a).ForwardConfig, j.ctx.resources).has(logicalId));
    if (!forwards) continue;
    for (const c of asArray(rp.Conditions)) {
      const cr = asRecord(c);
      const field = r.literal(cr.Field);
      const values = (cfg: string) => cfnStrings(j, cr.Values ?? asRecord(cr[cfg]).Values);
      if (field === 'path-pattern') conditions.path = [...(conditions.path ?? []), ...values('PathPatternConfig')];
      if (field === 'host-header') conditions.host = [...(conditions.host ?? []), ...values('HostHeaderConfig')];
      if (field === 'http-request-method') conditions.method = [...(conditions.method ?? []), ...values('HttpRequestMethodConfig')];
    }
  }
  return conditions;
}

export const alb: TriggerModule<'alb'> = {
  kind: 'alb',
  discover: {
    sam: {},
    serverless: {
      alb: (e) => {
        const c = asRecord(e.o.conditions);
        const t: AlbTrigger = { ...e.base, kind: 'alb', targetGroup: slsVal(e.ctx, e.o.targetGroupName) ?? { symbol: `TargetGroup:${e.key}` } };
        const conditions: Conditions = {};
        if (c.path !== undefined) conditions.path = slsNames(e.ctx, c.path);
        if (c.host !== undefined) conditions.host = slsNames(e.ctx, c.host);
        if (c.method !== undefined) conditions.method = slsNames(e.ctx, c.method).map((m) => m.toUpperCase());
        if (Object.keys(conditions).length > 0) t.conditions = conditions;
        if (e.o.multiValueHeaders === true) t.multiValueHeaders = true;
        return [t];
      },
    },
    cloudFormation: {
      resources: {
        'AWS::ElasticLoadBalancingV2::TargetGroup': (j, logicalId, props) => {
          const r = j.ctx.resolver;
          if (r.literal(props.TargetType) !== 'lambda') return;
          const multi = asArray(props.TargetGroupAttributes).some((a) => r.literal(asRecord(a).Key) === 'lambda.multi_value_headers.enabled' && r.literal(asRecord(a).Value) === 'true');
          const conditions = listenerConditions(j, logicalId);
          for (const target of asArray(props.Targets)) {
            const fn = targetFunction(j, asRecord(target).Id);
            if (!fn) continue;
            const t: AlbTrigger = { ...cfnBase(j, logicalId, props), kind: 'alb', targetGroup: { symbol: `Ref:${logicalId}` } };
            if (Object.keys(conditions).length > 0) t.conditions = conditions;
            if (multi) t.multiValueHeaders = true;
            fn.triggers.push(t);
          }
        },
      },
      permission: { principal: 'elasticloadbalancing.amazonaws.com', covers: (t) => t.kind === 'alb', build: ({ base, src }) => ({ ...base, kind: 'alb', targetGroup: src }) },
    },
    live: { enricher: 'enrich-elb.ts' },
  },
  plan: {
    map: (t, fn) =>
      one(
        t,
        {
          type: 'http',
          route: mapRoute((t.conditions?.path?.[0] ?? slug(fn.name)).replace(/\*$/, '{*path}')),
          methods: t.conditions?.method?.length ? t.conditions.method.map((m) => m.toUpperCase()) : ALL_METHODS,
          authLevel: 'anonymous',
        },
        [],
        '1.0',
      ),
    roles: noRoles,
    display: (t) => t.id,
    http: true,
    drain: false,
    dataStore: false,
    compatible: ['http'],
  },
  convert: httpConvert(() => 'alb'),
  emit: httpEmit,
};
