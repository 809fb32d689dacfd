// ARN parsing for live discovery: function ARNs (qualified or not) and the SourceArns of resource-policy statements.

export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  /** Everything after the fifth colon. */
  resource: string;
}

export function parseArn(arn: string): Arn | undefined {
  const m = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.+)$/.exec(arn);
  if (!m) return undefined;
  return { partition: m[1]!, service: m[2]!, region: m[3]!, account: m[4]!, resource: m[5]! };
}

/** `arn:…:function:name[:qualifier]` → the unqualified function ARN and the qualifier. */
export function splitFunctionArn(arn: string): { base: string; qualifier?: string } {
  const m = /^(arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+)(?::(.+))?$/.exec(arn);
  if (!m) return { base: arn };
  return m[2] === undefined ? { base: m[1]! } : { base: m[1]!, qualifier: m[2] };
}

/** What a resource-policy SourceArn names, by service (aws-source.md §1c). */
export type SourceRef =
  | { service: 'apigateway'; apiId: string; stage?: string; method?: string; path?: string }
  | { service: 's3'; bucket: string }
  | { service: 'sns'; topicArn: string }
  | { service: 'events'; ruleName: string; eventBus?: string }
  | { service: 'logs'; logGroup: string }
  | { service: 'elb'; targetGroupArn: string }
  | { service: 'iot'; ruleName: string }
  | { service: 'cognito'; userPoolArn: string; userPoolId: string }
  | { service: 'other'; arn: string };

export function parseSourceArn(sourceArn: string): SourceRef {
  const arn = parseArn(sourceArn);
  if (!arn) return { service: 'other', arn: sourceArn };
  const r = arn.resource;
  switch (arn.service) {
    case 'execute-api': {
      // {apiId}/{stage}/{METHOD}/{path...}; any segment may be `*`.
      const [apiId, stage, method, ...rest] = r.split('/');
      const path = rest.length > 0 ? `/${rest.join('/')}` : undefined;
      return { service: 'apigateway', apiId: apiId!, stage: star(stage), method: star(method), path: path === '/*' ? undefined : path };
    }
    case 's3':
      return { service: 's3', bucket: r.split('/')[0]! };
    case 'sns':
      return { service: 'sns', topicArn: sourceArn };
    case 'events': {
      const m = /^rule\/(?:([^/]+)\/)?([^/]+)$/.exec(r);
      if (m) return m[1] ? { service: 'events', ruleName: m[2]!, eventBus: m[1] } : { service: 'events', ruleName: m[2]! };
      return { service: 'other', arn: sourceArn };
    }
    case 'logs': {
      const m = /^log-group:(.+?)(?::\*)?$/.exec(r);
      return m ? { service: 'logs', logGroup: m[1]! } : { service: 'other', arn: sourceArn };
    }
    case 'elasticloadbalancing':
      return r.startsWith('targetgroup/') ? { service: 'elb', targetGroupArn: sourceArn } : { service: 'other', arn: sourceArn };
    case 'iot': {
      const m = /^rule\/(.+)$/.exec(r);
      return m ? { service: 'iot', ruleName: m[1]! } : { service: 'other', arn: sourceArn };
    }
    case 'cognito-idp': {
      const m = /^userpool\/(.+)$/.exec(r);
      return m ? { service: 'cognito', userPoolArn: sourceArn, userPoolId: m[1]! } : { service: 'other', arn: sourceArn };
    }
    default:
      return { service: 'other', arn: sourceArn };
  }
}

function star(s: string | undefined): string | undefined {
  return s === undefined || s === '' || s === '*' ? undefined : s;
}

/** The IAM role name: the last segment of the ARN (roles may carry a path such as `role/service-role/x`). */
export function roleNameOf(roleArn: string): string {
  return roleArn.slice(roleArn.lastIndexOf('/') + 1);
}
