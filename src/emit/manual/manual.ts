// MIGRATION.md: the Day-0 manual, rendered from templates/manual/ with this estate's data.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ConversionReport } from '../../model/conversion.js';
import type { Plan } from '../../model/plan.js';
import type { Infra } from '../infra/index.js';
import { buildManualContext, type ManualOptions } from './manual-data.js';
import { renderTemplate } from './template.js';

// src/emit/manual/ and dist/emit/manual/ are both three levels below the package root.
const TEMPLATE_DIR = new URL('../../../templates/manual/', import.meta.url);

export function loadManualTemplate(name: string): string {
  return readFileSync(fileURLToPath(new URL(name, TEMPLATE_DIR)), 'utf8');
}

export function renderManual(plan: Plan, report: ConversionReport, infra: Infra, opts: ManualOptions): string {
  const context = buildManualContext(plan, report, infra, opts);
  const text = renderTemplate(loadManualTemplate('MIGRATION.md.tmpl'), context, 'templates/manual/MIGRATION.md.tmpl');
  // Optional sections leave runs of blank lines behind; one blank line is Markdown's paragraph break.
  return `${text.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
