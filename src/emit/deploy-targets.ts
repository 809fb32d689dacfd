// Which apps are deployment targets. An app is one only when at least one of its functions was converted (rewritten
// or behind an adapter): an app whose every function is manual (an unsupported language, a container image, a handler
// that was not found) registers no function, so azd would deploy an empty host to a plan billed for nothing. Those
// apps get no hosting plan, site or azd service; their project folder (README with the manual steps) stays, and the
// manual says what to do. Decided here, after conversion, because only convert knows which handlers it could convert.

import type { ConversionReport } from '../model/conversion.js';
import type { FunctionApp, Plan } from '../model/plan.js';
import { compareStrings } from '../util/json.js';

export interface HeldApp {
  name: string;
  /** The Lambda functions of the app, sorted. */
  functions: string[];
  /** Why no function converted: the conversion report's reasons, deduplicated. */
  reasons: string[];
}

/** The report's strategy for a function when it converted it, else the plan's. */
function strategyOf(app: FunctionApp, lambdaName: string, planned: string, report: ConversionReport): string {
  return report.functions.find((f) => f.app === app.name && f.lambdaName === lambdaName)?.strategy ?? planned;
}

export function deploymentTargets(plan: Plan, report: ConversionReport): { plan: Plan; held: HeldApp[] } {
  const deployable: FunctionApp[] = [];
  const held: HeldApp[] = [];
  for (const app of plan.apps) {
    if (app.functions.some((f) => strategyOf(app, f.lambdaName, f.strategy, report) !== 'manual')) {
      deployable.push(app);
      continue;
    }
    const reasons = app.functions.map((f) => report.functions.find((c) => c.app === app.name && c.lambdaName === f.lambdaName)?.reason ?? f.strategyReason);
    held.push({ name: app.name, functions: app.functions.map((f) => f.lambdaName).sort(compareStrings), reasons: [...new Set(reasons)].sort(compareStrings) });
  }
  return { plan: held.length === 0 ? plan : { ...plan, apps: deployable }, held };
}
