// The scan's verdict logic on a report in electronegativity's own CSV shape (the real scan runs in npm test).
import { describe, expect, it } from 'vitest';
import { blockingFindings, parseCsv, parseReport } from '../../scripts/security-scan.ts';

const REPORT = `issue, severity, confidence, filename, location, sample, description, url
CSP_GLOBAL_CHECK,"LOW","FIRM","/x/dist/renderer/index.html","5:0","default-src 'none'; script-src 'self'","One or more CSP directives detected seems to be vulnerable",https://example/wiki
OPEN_EXTERNAL_JS_CHECK,"MEDIUM","TENTATIVE","/x/dist/main.js","4722:10","await shell2.openExternal(parsed2.toString());","Review the use of openExternal",https://example/wiki
OPEN_EXTERNAL_JS_CHECK,"MEDIUM","TENTATIVE","/x/dist/main.js","99:1","shell.openExternal(url)","Review the use of openExternal",https://example/wiki
SANDBOX_JS_CHECK,"HIGH","FIRM","/x/dist/main.js","10:2","new BrowserWindow({ a: "","" })","Use sandbox",https://example/wiki
`;

describe('security scan verdict', () => {
  it('parses quoted CSV fields with commas and doubled quotes', () => {
    expect(parseCsv('a,"b,c","d""e"\n1,2,3\n')).toEqual([['a', 'b,c', 'd"e'], ['1', '2', '3']]);
  });

  it('fails on medium/high findings that are not a reviewed exception; low findings and accepted ones pass', () => {
    const findings = parseReport(REPORT);
    expect(findings).toHaveLength(4);
    expect(findings[3]?.sample).toBe('new BrowserWindow({ a: "," })');
    expect(blockingFindings(findings).map((f) => [f.issue, f.location])).toEqual([
      ['OPEN_EXTERNAL_JS_CHECK', '99:1'], // an unguarded call elsewhere is not covered by the exception
      ['SANDBOX_JS_CHECK', '10:2'],
    ]);
  });

  it('refuses something that is not a report', () => {
    expect(() => parseReport('<html>')).toThrow(/Not an electronegativity/);
  });
});
