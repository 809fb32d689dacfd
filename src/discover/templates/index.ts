// Offline discovery: SAM, CloudFormation and Serverless Framework templates → Inventory. (Stub.)
import type { Inventory } from '../../model/inventory.js';

export interface TemplateDiscoverOptions {
  cwd: string;
  /** Directory of the inventory file; paths in the inventory are made relative to it. */
  outDir: string;
  includeValues: boolean;
  functionGlobs?: string[];
}

export async function discoverTemplates(_inputs: string[], _opts: TemplateDiscoverOptions): Promise<Inventory> {
  throw new Error('not implemented');
}
