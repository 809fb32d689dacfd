// MIGRATION.md: the Day-0 manual, rendered from templates/manual/ with this estate's data.

import type { ConversionReport } from '../../model/conversion.js';
import type { Plan } from '../../model/plan.js';
import type { Infra } from '../infra/index.js';
import { buildManualContext, type ManualOptions } from './manual-data.js';
import { renderTemplate } from './template.js';
import { loadTemplate } from '../templates.js';


export function renderManual(plan: Plan, report: ConversionReport, infra: Infra, opts: ManualOptions): string {
  const context = buildManualContext(plan, report, infra, opts);
  const text = renderTemplate(loadTemplate('manual/MIGRATION.md.tmpl'), context, 'templates/manual/MIGRATION.md.tmpl');
  // Optional sections leave runs of blank lines behind; one blank line is Markdown's paragraph break.
  return `${text.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
