// `migrate convert`: plan.json → Azure Functions projects, infrastructure and the Day-0 manual. (Stub.)

import { Command } from 'commander';
import { MigrateError } from '../util/errors.js';
import type { CommandFactory } from './run.js';

export const convertCommand: CommandFactory = () =>
  new Command('convert')
    .description('Generate Azure Functions projects, Bicep, azd layout and the migration manual from a plan')
    .requiredOption('--plan <file>', 'plan.json from migrate plan')
    .requiredOption('--out-dir <dir>', 'output directory')
    .action(() => {
      throw new MigrateError('usage', 'migrate convert is not implemented yet');
    });
