// A small AWS organisation in moto: the management account (123456789012, no functions) and three member accounts,
// each with one execution role and a function in every given region. Members are reached the way discovery reaches
// them: sts:AssumeRole into OrganizationAccountAccessRole (moto switches account on assumed-role credentials).
//   root ── member "alpha"
//        └─ OU workloads ── member "beta"
//                       └─ OU team ── member "gamma"
import { IAMClient } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  DescribeCreateAccountStatusCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { createRole, nodeZip, type ClientConfig } from './estate.js';

export interface SeededOrganization {
  /** Member account id by name. */
  members: Record<'alpha' | 'beta' | 'gamma', string>;
  workloadsOu: string;
  teamOu: string;
}

export async function assumeInto(cfg: ClientConfig, account: string): Promise<ClientConfig> {
  const sts = new STSClient(cfg);
  const r = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/OrganizationAccountAccessRole`, RoleSessionName: 'seed' }));
  const c = r.Credentials!;
  return { ...cfg, credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! } as ClientConfig['credentials'] };
}

export async function seedOrganization(cfg: ClientConfig, regions: string[]): Promise<SeededOrganization> {
  const org = new OrganizationsClient(cfg);
  await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const root = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
  const workloadsOu = (await org.send(new CreateOrganizationalUnitCommand({ ParentId: root, Name: 'workloads' }))).OrganizationalUnit!.Id!;
  const teamOu = (await org.send(new CreateOrganizationalUnitCommand({ ParentId: workloadsOu, Name: 'team' }))).OrganizationalUnit!.Id!;
  const members = {} as SeededOrganization['members'];
  for (const [name, parent] of [['alpha', root], ['beta', workloadsOu], ['gamma', teamOu]] as const) {
    const created = await org.send(new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com` }));
    const status = await org.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: created.CreateAccountStatus!.Id! }));
    const id = status.CreateAccountStatus!.AccountId!;
    if (parent !== root) await org.send(new MoveAccountCommand({ AccountId: id, SourceParentId: root, DestinationParentId: parent }));
    members[name] = id;
    const member = await assumeInto(cfg, id);
    const role = await createRole(new IAMClient(member), `${name}-role`);
    for (const region of regions) {
      await new LambdaClient({ ...member, region }).send(
        new CreateFunctionCommand({ FunctionName: `${name}-fn`, Runtime: 'nodejs20.x', Role: role, Handler: 'src/index.handler', Code: { ZipFile: nodeZip() }, Tags: { team: name } }),
      );
    }
  }
  return { members, workloadsOu, teamOu };
}
