// AWS Organizations, read-only: which member accounts `--org` covers. All accounts (ListAccounts), or the ones named by
// `--accounts` — account ids as given, `ou:<ou-or-root-id>` expanded through ListAccountsForParent and ListChildren,
// nested OUs included. Suspended accounts are skipped with a warning; a failed listing is a warning, never a throw.

import { ListAccountsCommand, ListAccountsForParentCommand, ListChildrenCommand, type Account } from '@aws-sdk/client-organizations';
import { MigrateError } from '../../util/errors.js';
import { compareStrings } from '../../util/json.js';
import { collectPages, type AwsCaller } from './call.js';
import type { ClientOf } from './clients.js';

export interface AccountSelector {
  accounts: string[];
  units: string[];
}

const ACCOUNT_ID = /^\d{12}$/;
const UNIT_ID = /^(ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32})$/;
/** Organizations nests OUs at most five deep below the root; the walk stops there whatever the API says. */
const MAX_DEPTH = 6;

/** `--accounts 111122223333,ou:ou-ab12-cd34ef56,ou:r-ab12` → ids and units; undefined means every account. */
export function parseAccountSelector(text: string | undefined): AccountSelector | undefined {
  if (text === undefined) return undefined;
  const sel: AccountSelector = { accounts: [], units: [] };
  for (const raw of text.split(',').map((t) => t.trim()).filter(Boolean)) {
    if (ACCOUNT_ID.test(raw)) sel.accounts.push(raw);
    else if (raw.startsWith('ou:') && UNIT_ID.test(raw.slice(3))) sel.units.push(raw.slice(3));
    else throw new MigrateError('usage', `--accounts: '${raw}' is neither a 12-digit account id nor ou:<OU or root id>`, { hint: 'e.g. --accounts 111122223333,ou:ou-ab12-cd34ef56' });
  }
  if (sel.accounts.length + sel.units.length === 0) throw new MigrateError('usage', '--accounts is empty');
  return sel;
}

export interface OrgContext {
  client: ClientOf<'organizations'>;
  caller: AwsCaller;
  /** Rate-limit scope of the calling account, `account/global`. */
  scope: string;
}

function keepActive(ctx: OrgContext, accounts: Account[]): string[] {
  const out: string[] = [];
  for (const a of accounts) {
    if (!a.Id) continue;
    const status = a.State ?? a.Status;
    if (status && status !== 'ACTIVE') {
      ctx.caller.warn({ code: 'aws.account-skipped', subject: a.Id, message: `account ${a.Id} is ${status}; not discovered` });
      continue;
    }
    out.push(a.Id);
  }
  return out;
}

async function accountsUnder(ctx: OrgContext, unit: string, depth: number, seen: Set<string>): Promise<string[]> {
  if (seen.has(unit)) return [];
  seen.add(unit);
  const spec = (action: string) => ({ action, scope: ctx.scope, subject: unit });
  const direct = await collectPages(
    ctx.caller,
    spec('organizations:ListAccountsForParent'),
    (NextToken) => ctx.client.send(new ListAccountsForParentCommand({ ParentId: unit, NextToken })),
    (p) => p.Accounts,
    (p) => p.NextToken,
  );
  const ids = keepActive(ctx, direct.items);
  if (depth >= MAX_DEPTH) return ids;
  const children = await collectPages(
    ctx.caller,
    spec('organizations:ListChildren'),
    (NextToken) => ctx.client.send(new ListChildrenCommand({ ParentId: unit, ChildType: 'ORGANIZATIONAL_UNIT', NextToken })),
    (p) => p.Children,
    (p) => p.NextToken,
  );
  for (const child of children.items) if (child.Id) ids.push(...(await accountsUnder(ctx, child.Id, depth + 1, seen)));
  return ids;
}

/** The accounts in scope, sorted and unique. An empty answer with a failed listing leaves its warning behind. */
export async function organizationAccounts(ctx: OrgContext, selector: AccountSelector | undefined): Promise<string[]> {
  const ids: string[] = [];
  if (!selector) {
    const all = await collectPages(
      ctx.caller,
      { action: 'organizations:ListAccounts', scope: ctx.scope },
      (NextToken) => ctx.client.send(new ListAccountsCommand({ NextToken })),
      (p) => p.Accounts,
      (p) => p.NextToken,
    );
    ids.push(...keepActive(ctx, all.items));
  } else {
    ids.push(...selector.accounts);
    const seen = new Set<string>();
    for (const unit of selector.units) ids.push(...(await accountsUnder(ctx, unit, 0, seen)));
  }
  return [...new Set(ids)].sort(compareStrings);
}
