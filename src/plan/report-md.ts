// plan.md: the human review document. One screen first (what moves where, data stores, blockers, decisions needed),
// then the mapping diagram, findings per design area grouped by rule, per-app target tables and the cost comparison.

import type { Inventory } from '../model/inventory.js';
import { DESIGN_AREAS, type DesignArea, type Plan } from '../model/plan.js';
import { findingsByRule, subjectNoun } from './findings-by-rule.js';
import { cell, collapsed, glance } from './report-glance.js';
import { mappingDiagram } from './report-diagram.js';
import { resolveFinding, resolveFindings, type ResolvedFinding } from '../model/findings.js';

const AREA_TITLE: Record<DesignArea, string> = {
  capabilities: 'Capabilities (triggers, settings, programming model)',
  identity: 'Identity and access',
  deployment: 'Deployment',
  monitoring: 'Monitoring',
  dependencies: 'Dependencies (network, state, SDK usage)',
  governance: 'Governance',
};

function where(f: ResolvedFinding): string {
  if (!f.location?.file) return f.location?.logicalId ?? '';
  return `\`${f.location.file}${f.location.line ? `:${f.location.line}` : ''}\``;
}

export function renderMarkdown(plan: Plan, inv: Inventory): string {
  const out: string[] = [];
  const push = (...l: string[]) => out.push(...l);
  const findings = resolveFindings(plan);
  const blockers = findings.filter((f) => f.severity === 'blocker');
  const warnings = findings.filter((f) => f.severity === 'warning');
  const infos = findings.filter((f) => f.severity === 'info');
  const entries = plan.apps.reduce((s, a) => s + a.functions.reduce((x, f) => x + f.entries.length, 0), 0);

  push('# Migration plan: AWS Lambda → Azure Functions', '');
  push(
    `This plan covers **${plan.summary.functions} Lambda function(s)** from ${sourceText(plan.source)}. ` +
      `They become **${entries} Azure function(s)** in **${plan.summary.apps} function app(s)**. ` +
      `The review found **${blockers.length} blocker(s)**, **${warnings.length} warning(s)** and **${infos.length} note(s)**.`,
    '',
  );
  push(`**Cutover:** ${plan.cutover.strategy.replace(/-/g, ' ')}. ${plan.cutover.reason}.`, '');
  push(`**Estimated monthly cost:** Lambda $${plan.cost.lambdaMonthlyUsd.toFixed(2)} → Azure ${azureRange(plan)} (a range from assumed traffic; see [Cost comparison](#cost-comparison-monthly-estimate)).`, '');
  if (plan.disabledRules.length > 0) {
    push('**Disabled rules:** ' + plan.disabledRules.map((d) => `${d.id} (${d.reason}; ${d.by})`).join(', '), '');
  }
  push(...baselineSection(plan));
  push(...glance(plan));
  push('How to read this plan: blockers must be resolved (or accepted) before conversion; warnings change behaviour and need a decision; notes explain what the tool did. `plan.json` holds the same content for `migrate convert`; edit it to regroup functions or change a strategy, then run `migrate convert`, whose `MIGRATION.md` is the runbook.', '');

  push('## Mapping', '', 'AWS event sources (left) trigger each Lambda in the function app it moves to, labelled with its Azure trigger; cylinders are the data stores and messaging resources the functions use, with their Azure target (dotted: used, not a trigger).', '');
  push(...mappingDiagram(plan, inv), '');

  push('## Findings by design area', '');
  push('| Design area | Blockers | Warnings | Notes |', '|---|---:|---:|---:|');
  for (const a of plan.summary.areas) push(`| [${AREA_TITLE[a.area]}](#${anchor(AREA_TITLE[a.area])}) | ${a.blockers} | ${a.warnings} | ${a.infos} |`);
  push('');
  for (const area of DESIGN_AREAS) {
    const fs = findings.filter((f) => f.area === area);
    push(`### ${AREA_TITLE[area]}`, '');
    if (fs.length === 0) {
      push('No gaps found in this area.', '');
      continue;
    }
    // One row per rule with its subjects collapsed, so 800 identical findings stay one row.
    push('| Severity | Rule | Gap | Affected | Recommendation | Where |', '|---|---|---|---|---|---|');
    for (const g of findingsByRule(findings, (f) => f.area === area)) {
      const first = g.first;
      const conf = first.confidence === 'inferred' ? ' (inferred)' : '';
      const locs = [...new Set(g.findings.map(where).filter(Boolean))];
      const at = locs.length <= 2 ? locs.join(', ') : `${locs.length} places`;
      const message = g.findings.length === 1 ? ` ${first.message}` : '';
      push(`| ${first.severity} | <a id="${g.ruleId.toLowerCase()}"></a>[${g.ruleId}](${first.docs}) | ${cell(first.title)}${conf}.${cell(message)} | ${cell(collapsed(g.subjects, subjectNoun(g)))} | ${cell(first.recommendation)} | ${cell(at)} |`);
    }
    push('');
    const day0 = [...new Set(fs.filter((f) => f.day0).map((f) => f.day0!))];
    if (day0.length > 0) {
      push('<details><summary>Day-0 steps this area adds (' + day0.length + ')</summary>', '');
      for (const d of day0.slice(0, 30)) push(`- [ ] ${d}`);
      if (day0.length > 30) push(`- [ ] … and ${day0.length - 30} more (see plan.json)`);
      push('', '</details>', '');
    }
  }

  push('## Target function apps', '');
  for (const app of plan.apps) {
    push(`### ${app.name}`, '');
    push(`- **Hosting:** ${app.hosting.plan} (${app.hosting.sku}). ${app.hosting.reason}.`);
    push(`- **Runtime:** ${app.runtime.name} ${app.runtime.version}; instance memory ${app.instanceMemoryMB} MB; functionTimeout ${app.functionTimeout}; max instances ${app.scale.maximumInstanceCount}${app.scale.alwaysReady.length ? `; always ready ${app.scale.alwaysReady.map((a) => `${a.name}=${a.instanceCount}`).join(', ')}` : ''}.`);
    push(`- **Why these functions are together:** ${app.groupingReasons.join('; ')}.`);
    push(`- **Identity:** ${app.identity.name} (from ${app.identity.sourceRoles.join(', ') || 'no role'}); ${app.identity.roleAssignments.length} role assignment(s)${app.identity.unmappedActions.length ? `; unmapped: ${app.identity.unmappedActions.join(', ')}` : ''}.`);
    if (app.vnetIntegration) push('- **Network:** VNet integration (the Lambdas ran in a VPC).');
    push('');
    push('Functions:', '');
    push('| Lambda | Azure function | Trigger | Strategy |', '|---|---|---|---|');
    for (const f of app.functions) {
      for (const e of f.entries) {
        const t = e.trigger;
        const detail =
          t.type === 'http' ? `http ${t.methods.length > 6 ? 'ANY' : t.methods.join(',')} /${t.route} (${t.authLevel})`
          : t.type === 'timer' ? `timer \`${t.schedule}\``
          : t.type === 'none' ? `none: ${t.reason}`
          : t.type === 'storageQueue' || t.type === 'serviceBusQueue' ? `${t.type} ${t.queueName}`
          : t.type === 'eventHub' ? `eventHub ${t.eventHubName}`
          : t.type === 'storageBlob' ? `storageBlob ${t.path} (Event Grid)`
          : t.type === 'cosmosDB' ? `cosmosDB ${t.databaseName}/${t.containerName}`
          : t.type;
        push(`| ${cell(f.lambdaName)} | ${cell(e.name)} | ${cell(detail)} | ${f.strategy}: ${cell(f.strategyReason)} |`);
      }
    }
    push('');
    if (app.identity.roleAssignments.length > 0) {
      push('Role assignments for the app identity:', '');
      push('| Role | Scope | Replaces |', '|---|---|---|');
      for (const r of app.identity.roleAssignments) push(`| ${r.role} | ${r.scope.kind}${r.scope.resource ? ` (${r.scope.resource})` : ''} | ${cell(r.reason)} |`);
      push('');
    }
    const interesting = app.settings.filter((s) => s.kind !== 'plain');
    if (interesting.length > 0) {
      push('App settings that need attention (plain values are copied as they are):', '');
      push('| App setting | Kind | Key Vault secret / value |', '|---|---|---|');
      for (const s of interesting) push(`| ${cell(s.name)} | ${s.kind} | ${cell(s.secretName ?? s.value ?? '')} |`);
      push('');
    }
  }

  push('## Cost comparison (monthly, estimate)', '');
  const a = plan.cost.assumptions;
  push(`Assumptions: ${String(a.invocationsPerMonthPerFunction).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} invocations per function per month, ${a.averageDurationMs} ms average duration. Change them with \`--invocations\` and \`--duration-ms\` or the \`cost:\` section of .migraterc.yaml. Prices: ${a.priceSource}`, '');
  push('| Side | Item | USD / month | Formula |', '|---|---|---:|---|');
  for (const l of plan.cost.lambda.slice(0, 50)) push(`| AWS Lambda | ${cell(l.name)} | ${l.monthlyUsd.toFixed(2)} | ${cell(l.formula)} |`);
  if (plan.cost.lambda.length > 50) push(`| AWS Lambda | … ${plan.cost.lambda.length - 50} more | | |`);
  for (const l of plan.cost.azure.slice(0, 50)) {
    const usd = l.lowMonthlyUsd === undefined ? l.monthlyUsd.toFixed(2) : `${l.lowMonthlyUsd.toFixed(2)}–${l.monthlyUsd.toFixed(2)}`;
    const formula = l.lowFormula === undefined ? l.formula : `low: ${l.lowFormula}; high: ${l.formula}`;
    push(`| Azure | ${cell(l.name)} | ${usd} | ${cell(formula)} |`);
  }
  if (plan.cost.azure.length > 50) push(`| Azure | … ${plan.cost.azure.length - 50} more | | |`);
  push(`| **Total** | AWS Lambda | **${plan.cost.lambdaMonthlyUsd.toFixed(2)}** | |`);
  push(`| **Total** | Azure | **${azureRange(plan).replace(/\$/g, '')}** | |`, '');

  if (plan.warnings.length > 0) {
    push('## Discovery warnings', '');
    for (const w of plan.warnings.slice(0, 50)) push(`- \`${w.code}\` ${w.subject ? `${w.subject}: ` : ''}${w.message}`);
    if (plan.warnings.length > 50) push(`- … and ${plan.warnings.length - 50} more in plan.json`);
    push('');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** GitHub's heading anchor: lowercase, spaces to hyphens, punctuation dropped. */
function anchor(heading: string): string {
  return heading.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
}

/** With `--baseline`: the new and the fixed findings, ahead of everything else, since they are what a review is about. */
function baselineSection(plan: Plan): string[] {
  const b = plan.baseline;
  if (!b) return [];
  const out = ['## Changes since the baseline', ''];
  out.push(`Compared with \`${b.file}\`: **${b.new} new**, **${b.absent.length} fixed**, ${b.unchanged} unchanged finding(s). \`--fail-on ${plan.options.failOn}\` counts only the new ones.`, '');
  const table = (title: string, fs: ResolvedFinding[], none: string) => {
    out.push(`### ${title}`, '');
    if (fs.length === 0) return void out.push(none, '');
    out.push('| Severity | Rule | Subject | Problem | Where |', '|---|---|---|---|---|');
    for (const f of fs) out.push(`| ${f.severity} | [${f.ruleId}](${f.docs}) | ${cell(f.subject.name)} | ${cell(f.message)} | ${where(f)} |`);
    out.push('');
  };
  table('New findings', resolveFindings(plan).filter((f) => f.baselineState === 'new'), 'None: this change adds no findings.');
  table('Fixed findings', b.absent.map((a) => resolveFinding(plan, a.finding)), 'None.');
  return out;
}

/** `$low–$high` for the Azure estimate, or one figure when there is no range. */
export function azureRange(plan: Plan): string {
  const { azureLowMonthlyUsd: low, azureMonthlyUsd: high } = plan.cost;
  return low === undefined || low === high ? `$${high.toFixed(2)}` : `$${low.toFixed(2)}–$${high.toFixed(2)}`;
}

/** Where the inventory came from, for the opening sentence: the account(s) or the template paths. */
function sourceText(source: Plan['source']): string {
  if (source.kind === 'aws') {
    const regions = source.regions?.length ? ` in ${source.regions.join(', ')}` : '';
    if (source.accounts && source.accounts.length > 0) {
      const n = source.accounts.length;
      return `${n} AWS account${n === 1 ? '' : 's'} of an organisation (discovered from ${source.account ?? 'an unknown account'})${regions}`;
    }
    return `AWS account ${source.account ?? '(unknown)'}${regions}`;
  }
  const paths = (source.paths ?? []).filter((p) => p !== '.' && p !== '');
  return paths.length === 0 ? 'the templates in the estate directory' : `templates in ${paths.map((p) => `\`${p}\``).join(', ')}`;
}
