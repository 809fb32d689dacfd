// The one call of discovery that is not a List/Get/Describe: sts:AssumeRole into each member account of an
// organisation (`--org`). It creates no resource and changes nothing; it returns short-lived credentials, which are
// renewed through the same paced, retried, warning-producing caller when they near their expiry.

import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { AwsCaller } from './call.js';
import type { ClientOf } from './clients.js';

export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

const SESSION_NAME = 'migrate-discover';
/** Renew this long before expiry, so no request is signed with credentials about to lapse. */
const RENEW_MS = 5 * 60_000;

export function memberRoleArn(partition: string, account: string, roleName: string): string {
  return `arn:${partition}:iam::${account}:role/${roleName}`;
}

/**
 * Assume `roleArn` now; undefined (with the caller's warning) when that fails. Otherwise a credential provider for SDK
 * clients that hands out these credentials and assumes the role again shortly before they expire.
 */
export async function assumeRole(
  caller: AwsCaller,
  sts: ClientOf<'sts'>,
  scope: string,
  roleArn: string,
  now: () => number = Date.now,
): Promise<(() => Promise<TemporaryCredentials>) | undefined> {
  const request = async (): Promise<TemporaryCredentials | undefined> => {
    const r = await caller.call({ action: 'sts:AssumeRole', scope, subject: roleArn }, () => sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: SESSION_NAME })));
    const c = r.status === 'ok' ? r.value.Credentials : undefined;
    if (!c?.AccessKeyId || !c.SecretAccessKey) return undefined;
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
  };
  let current = await request();
  if (!current) return undefined;
  return async () => {
    if (current?.expiration && current.expiration.getTime() - now() < RENEW_MS) {
      const renewed = await request();
      if (!renewed) throw new Error(`could not renew the credentials of ${roleArn}`);
      current = renewed;
    }
    return current!;
  };
}
