/**
 * `node scripts/security-scan.ts`: builds main, preload and renderer (production, into a temporary folder),
 * scans the output with @doyensec/electronegativity, and fails on any finding of MEDIUM or HIGH severity.
 * The tool itself always exits 0, so its CSV report is parsed here.
 *
 * A finding the scanner raises on a safe pattern is accepted only through {@link ACCEPTED}, each entry with
 * its reason and matched on check, file and code sample (esbuild drops the source comments an inline
 * `eng-disable` would need, so the exceptions live here, reviewed in one place). A real finding is fixed.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT as root, runAsScript, withWorkDir } from './run-script.ts';

/** One row of electronegativity's CSV report. */
export interface Finding {
  issue: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  sample: string;
  description: string;
}

/** A finding accepted on review: the scanner cannot see the guard around the call. */
export interface Accepted {
  issue: string;
  file: RegExp;
  sample: RegExp;
  reason: string;
}

/** The reviewed exceptions. Keep this list short; every entry needs a reason a reviewer can check. */
export const ACCEPTED: readonly Accepted[] = [
  {
    issue: 'OPEN_EXTERNAL_JS_CHECK',
    file: /main\.js$/,
    sample: /^await shell\d*\.openExternal\(parsed\d*\.toString\(\)\);$/,
    reason:
      'The one shell.openExternal call (app/electron/ports.ts guardedOpenExternal): the URL is parsed and must pass an ' +
      "allow check first (sign-in: a presence cloud's https authorize URL; links: https or loopback, after the IPC " +
      'handler matched them against the link allowlist).',
  },
  {
    issue: 'PROTOCOL_HANDLER_JS_CHECK',
    file: /main\.js$/,
    sample: /^(if \(proc\.defaultApp && proc\.appArg\) |else )app\d*\.setAsDefaultProtocolClient\(LINK_SCHEME/,
    reason:
      'The presence-tray:// scheme (issue 12, app/electron/links.ts) is the feature: links only reach app/remote/links.ts, ' +
      'which accepts six commands with strictly checked parameters, rate-limits them, logs them and never opens a window, ' +
      'a URL or a file (docs/protocol.md, "Links").',
  },
];

/** Severities that fail the scan. */
export const BLOCKING_SEVERITIES = ['MEDIUM', 'HIGH', 'CRITICAL'];

/** Parse RFC 4180 CSV (quoted fields may hold commas, quotes and newlines). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

/** The findings of a report (header row skipped; fields trimmed). */
export function parseReport(csv: string): Finding[] {
  const [header, ...rows] = parseCsv(csv);
  if (!header || header[0]?.trim() !== 'issue') throw new Error('Not an electronegativity CSV report (no "issue" header).');
  return rows.map((r) => {
    const [issue = '', severity = '', confidence = '', file = '', location = '', sample = '', description = ''] = r.map((f) => f.trim());
    return { issue, severity: severity.toUpperCase(), confidence, file, location, sample, description };
  });
}

/** The reviewed exception a finding matches, if any. */
export function acceptedFor(finding: Finding, accepted: readonly Accepted[] = ACCEPTED): Accepted | null {
  return accepted.find((a) => a.issue === finding.issue && a.file.test(finding.file) && a.sample.test(finding.sample)) ?? null;
}

/** Findings that fail the scan: MEDIUM or worse and not accepted. */
export function blockingFindings(findings: readonly Finding[], accepted: readonly Accepted[] = ACCEPTED): Finding[] {
  return findings.filter((f) => BLOCKING_SEVERITIES.includes(f.severity) && !acceptedFor(f, accepted));
}

function main(): Promise<number> {
  return withWorkDir('presence-tray-scan-', async (work) => {
    const { buildAll } = await import('./build.ts');
    const out = join(work, 'dist');
    await buildAll({ root, outDir: out, production: true, log: false });
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    const electronVersion = pkg.devDependencies.electron?.replace(/^[^\d]*/, '') ?? '45.0.0';
    const report = join(work, 'report.csv');
    const bin = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electronegativity.cmd' : 'electronegativity');
    await promisify(execFile)(bin, ['-i', out, '-o', report, '-v', 'false', '-e', electronVersion], { cwd: root, timeout: 180_000 });
    const findings = parseReport(readFileSync(report, 'utf8'));
    const blocking = blockingFindings(findings);
    for (const f of findings) {
      const accepted = acceptedFor(f);
      const verdict = blocking.includes(f) ? 'FAIL' : accepted ? 'accepted' : 'ok (low)';
      console.log(`${verdict.padEnd(9)} ${f.severity.padEnd(6)} ${f.issue} ${f.file.replace(out, 'dist')}:${f.location} ${f.sample.slice(0, 90)}`);
      if (accepted && !blocking.includes(f)) console.log(`          reason: ${accepted.reason}`);
    }
    console.log(`security scan: ${findings.length} finding(s), ${blocking.length} of medium or high severity not accepted`);
    return blocking.length ? 1 : 0;
  });
}

runAsScript(import.meta.url, 'security scan', main);
