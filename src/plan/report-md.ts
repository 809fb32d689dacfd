// plan.md: the human review document. Summary, blockers first, one section per design area, per-app target
// tables, Mermaid diagrams of the source topology and the target, and the cost comparison with formulas.

import type { Inventory } from '../model/inventory.js';
import { DESIGN_AREAS, type DesignArea, type Finding, type FunctionApp, type Plan } from '../model/plan.js';
import { displayTriggerSource } from '../triggers/registry.js';

const AREA_TITLE: Record<DesignArea, string> = {
  capabilities: 'Capabilities (triggers, settings, programming model)',
  identity: 'Identity and access',
  deployment: 'Deployment',
  monitoring: 'Monitoring',
  dependencies: 'Dependencies (network, state, SDK usage)',
  governance: 'Governance',
};

/** Escape text for a Markdown table cell. */
function cell(s: string | number | undefined): string {
  return String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function where(f: Finding): string {
  if (!f.location?.file) return f.location?.logicalId ?? '';
  return `\`${f.location.file}${f.location.line ? `:${f.location.line}` : ''}\``;
}

function mermaidId(s: string): string {
  return s.replace(/[^A-Za-z0-9_]/g, '_');
}

const MERMAID_ENTITIES: Record<string, string> = { '"': '#quot;', '<': '#lt;', '>': '#gt;', '{': '#123;', '}': '#125;', '[': '#91;', ']': '#93;', '(': '#40;', ')': '#41;', '|': '#124;', '#': '#35;', ';': '#59;' };

/** Label text for a quoted Mermaid node: special characters as Mermaid entity codes, so `rate(1 hour)` reads as written. */
function mermaidLabel(s: string): string {
  return s.replace(/\s+/g, ' ').trim().slice(0, 60).replace(/["<>{}[\]()|#;]/g, (c) => MERMAID_ENTITIES[c]!);
}

function sourceDiagram(inv: Inventory, limit: number): string[] {
  const lines = ['```mermaid', 'flowchart LR'];
  const sources = new Map<string, string>();
  const fns = inv.functions.slice(0, limit);
  for (const fn of fns) {
    const fid = mermaidId(`fn_${fn.name}`);
    lines.push(`  ${fid}["λ ${mermaidLabel(fn.name)}<br/>${mermaidLabel(fn.runtime.id ?? fn.packageType)}"]`);
    for (const t of fn.triggers) {
      const label = `${t.kind}: ${displayTriggerSource(t)}`;
      const sid = mermaidId(`src_${t.kind}_${displayTriggerSource(t)}`);
      if (!sources.has(sid)) {
        sources.set(sid, label);
        lines.push(`  ${sid}(["${mermaidLabel(label)}"])`);
      }
      lines.push(`  ${sid} --> ${fid}`);
    }
  }
  if (inv.functions.length > limit) lines.push(`  more["… ${inv.functions.length - limit} more functions"]`);
  lines.push('```');
  return lines;
}

function targetDiagram(apps: FunctionApp[], limit: number): string[] {
  const lines = ['```mermaid', 'flowchart LR'];
  let count = 0;
  for (const app of apps) {
    lines.push(`  subgraph ${mermaidId(`app_${app.name}`)}["${mermaidLabel(`${app.name} (${app.hosting.sku}, ${app.runtime.name} ${app.runtime.version})`)}"]`);
    for (const f of app.functions) {
      for (const e of f.entries) {
        if (count++ >= limit) continue;
        lines.push(`    ${mermaidId(`${app.name}_${e.name}`)}["${mermaidLabel(`${e.name}: ${e.trigger.type}`)}"]`);
      }
    }
    lines.push('  end');
    for (const r of app.resources) {
      if (r.kind === 'vnet') continue;
      const rid = mermaidId(`res_${r.kind}_${r.name}`);
      lines.push(`  ${rid}[("${mermaidLabel(`${r.kind}: ${r.name}`)}")]`);
      lines.push(`  ${rid} --> ${mermaidId(`app_${app.name}`)}`);
    }
  }
  lines.push('```');
  return lines;
}

export function renderMarkdown(plan: Plan, inv: Inventory): string {
  const out: string[] = [];
  const push = (...l: string[]) => out.push(...l);
  const blockers = plan.findings.filter((f) => f.severity === 'blocker');
  const warnings = plan.findings.filter((f) => f.severity === 'warning');
  const infos = plan.findings.filter((f) => f.severity === 'info');
  const entries = plan.apps.reduce((s, a) => s + a.functions.reduce((x, f) => x + f.entries.length, 0), 0);

  push('# Migration plan: AWS Lambda → Azure Functions', '');
  push(
    `This plan covers **${plan.summary.functions} Lambda function(s)** from ${plan.source.kind === 'aws' ? `AWS account ${plan.source.account ?? '(unknown)'}` : `templates (${(plan.source.paths ?? []).join(', ') || '.'})`}. ` +
      `They become **${entries} Azure function(s)** in **${plan.summary.apps} function app(s)**. ` +
      `The review found **${blockers.length} blocker(s)**, **${warnings.length} warning(s)** and **${infos.length} note(s)**.`,
    '',
  );
  push('How to read this plan: blockers must be resolved (or accepted) before conversion; warnings change behaviour and need a decision; notes explain what the tool did. `plan.json` holds the same content for `migrate convert`; edit it to regroup functions or change a strategy.', '');
  push(...baselineSection(plan));
  push('## Summary', '');
  push('| Design area | Blockers | Warnings | Notes |', '|---|---:|---:|---:|');
  for (const a of plan.summary.areas) push(`| ${AREA_TITLE[a.area]} | ${a.blockers} | ${a.warnings} | ${a.infos} |`);
  push('');
  push(`**Cutover:** ${plan.cutover.strategy.replace(/-/g, ' ')}. ${plan.cutover.reason}.`, '');
  push(`**Estimated monthly cost:** Lambda $${plan.cost.lambdaMonthlyUsd.toFixed(2)} → Azure ${azureRange(plan)}. A rough comparison from assumed traffic: the Azure range runs from executions keeping instances busy back to back to every execution billed alone for at least 1 s (see [Cost comparison](#cost-comparison-monthly-estimate)).`, '');
  if (plan.disabledRules.length > 0) {
    push('**Disabled rules:** ' + plan.disabledRules.map((d) => `${d.id} (${d.reason}; ${d.by})`).join(', '), '');
  }

  push('## Blockers', '');
  if (blockers.length === 0) push('No blockers. Every function has an automatic path to Azure.', '');
  else {
    push('| Rule | Subject | Problem | What to do | Where |', '|---|---|---|---|---|');
    for (const f of blockers) push(`| [${f.ruleId}](${f.docs}) | ${cell(f.subject.name)} | ${cell(f.message)} | ${cell(f.recommendation)} | ${where(f)} |`);
    push('');
  }

  for (const area of DESIGN_AREAS) {
    const fs = plan.findings.filter((f) => f.area === area);
    push(`## ${AREA_TITLE[area]}`, '');
    if (fs.length === 0) {
      push('No gaps found in this area.', '');
      continue;
    }
    // Group by rule: one row per rule with its subjects, so large estates stay readable.
    const byRule = new Map<string, Finding[]>();
    for (const f of fs) {
      const list = byRule.get(f.ruleId);
      if (list) list.push(f);
      else byRule.set(f.ruleId, [f]);
    }
    push('| Severity | Rule | Gap | Affected | Recommendation |', '|---|---|---|---|---|');
    for (const [id, list] of byRule) {
      const first = list[0]!;
      const affected = list.length > 8 ? `${list.slice(0, 8).map((f) => f.subject.name).join(', ')} and ${list.length - 8} more` : list.map((f) => f.subject.name).join(', ');
      const conf = first.confidence === 'inferred' ? ' (inferred)' : '';
      push(`| ${first.severity} | [${id}](${first.docs}) | ${cell(first.title)}${conf} | ${cell(affected)} | ${cell(first.recommendation)} |`);
    }
    push('');
    const day0 = [...new Set(fs.filter((f) => f.day0).map((f) => f.day0!))];
    if (day0.length > 0) {
      push('Day-0 steps this area adds:', '');
      for (const d of day0.slice(0, 30)) push(`- [ ] ${d}`);
      if (day0.length > 30) push(`- [ ] … and ${day0.length - 30} more (see plan.json)`);
      push('');
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

  push('## Topology', '', 'Source (AWS): event sources and the Lambdas they invoke.', '');
  push(...sourceDiagram(inv, 60), '');
  push('Target (Azure): function apps, their functions, and the trigger resources they need.', '');
  push(...targetDiagram(plan.apps, 80), '');

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

/** With `--baseline`: the new and the fixed findings, ahead of everything else, since they are what a review is about. */
function baselineSection(plan: Plan): string[] {
  const b = plan.baseline;
  if (!b) return [];
  const out = ['## Changes since the baseline', ''];
  out.push(`Compared with \`${b.file}\`: **${b.new} new**, **${b.absent.length} fixed**, ${b.unchanged} unchanged finding(s). \`--fail-on ${plan.options.failOn}\` counts only the new ones.`, '');
  const table = (title: string, fs: Finding[], none: string) => {
    out.push(`### ${title}`, '');
    if (fs.length === 0) return void out.push(none, '');
    out.push('| Severity | Rule | Subject | Problem | Where |', '|---|---|---|---|---|');
    for (const f of fs) out.push(`| ${f.severity} | [${f.ruleId}](${f.docs}) | ${cell(f.subject.name)} | ${cell(f.message)} | ${where(f)} |`);
    out.push('');
  };
  table('New findings', plan.findings.filter((f) => f.baselineState === 'new'), 'None: this change adds no findings.');
  table('Fixed findings', b.absent.map((a) => a.finding), 'None.');
  return out;
}

/** `$low–$high` for the Azure estimate, or one figure when there is no range. */
export function azureRange(plan: Plan): string {
  const { azureLowMonthlyUsd: low, azureMonthlyUsd: high } = plan.cost;
  return low === undefined || low === high ? `$${high.toFixed(2)}` : `$${low.toFixed(2)}–$${high.toFixed(2)}`;
}
