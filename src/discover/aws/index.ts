// Live discovery: a read-only sweep of an AWS account → Inventory. (Stub.)
import type { Inventory } from '../../model/inventory.js';
import type { Reporter } from '../../cli/io.js';

export interface AwsDiscoverOptions {
  profile?: string;
  regions?: string[];
  roleArn?: string;
  endpointUrl?: string;
  functionGlobs?: string[];
  includeValues: boolean;
  env: NodeJS.ProcessEnv;
}

export async function discoverAws(_opts: AwsDiscoverOptions, _reporter: Reporter): Promise<Inventory> {
  throw new Error('not implemented');
}
