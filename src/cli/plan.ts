// `migrate plan`: inventory.json → plan.json, plan.md, plan.sarif. (Stub: implemented by the plan stage work.)

import { Command } from 'commander';
import { MigrateError } from '../util/errors.js';
import type { CommandFactory } from './run.js';

export const planCommand: CommandFactory = () =>
  new Command('plan')
    .description('Run the design-area rules over an inventory and propose the Azure target')
    .requiredOption('--inventory <file>', 'inventory.json from migrate discover')
    .requiredOption('--out-dir <dir>', 'where to write plan.json, plan.md, plan.sarif')
    .action(() => {
      throw new MigrateError('usage', 'migrate plan is not implemented yet');
    });
