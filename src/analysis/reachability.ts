import { PolicyAnalyzer } from './analyzer';
import { Flow, isFlow, Verdict } from './verdict';
import { Protocol } from '../net/port';
import { checkArgument, instanceOf, isBoolean } from '../validation/types';

/** One flow whose verdict differs from what was expected. */
export interface ReachabilityDifference {
  /** The flow. */
  readonly flow: Flow;
  /** What the table expected. */
  readonly expectedAllowed: boolean;
  /** The analyzer's verdict, with its reasons. */
  readonly verdict: Verdict;
}

/**
 * A truth table in the spirit of the Kubernetes e2e `Reachability` tests:
 * declare which flows must be allowed and which denied, then compare with
 * the analyzer's verdicts and print a matrix.
 *
 * ```ts
 * const table = new Reachability(analyzer);
 * table.expectAllowed({ from: openclaw, to: FlowEndpoint.external('160.79.104.10', 'api.anthropic.com'), port: 443 });
 * table.expectDenied({ from: FlowEndpoint.pod('default', {}), to: openclaw, port: 18789 });
 * expect(table.differences()).toEqual([]);   // or print table.matrix()
 * ```
 */
export class Reachability {
  private readonly expectations: { flow: Flow; allowed: boolean }[] = [];

  constructor(private readonly analyzer: PolicyAnalyzer) {
    checkArgument('analyzer', analyzer, instanceOf(PolicyAnalyzer));
  }

  /** Expects the flow to be allowed. */
  public expectAllowed(flow: Flow): void {
    this.expect(flow, true);
  }

  /** Expects the flow to be denied. */
  public expectDenied(flow: Flow): void {
    this.expect(flow, false);
  }

  /** Expects the flow to be allowed (`true`) or denied (`false`). */
  public expect(flow: Flow, allowed: boolean): void {
    checkArgument('flow', flow, isFlow);
    checkArgument('allowed', allowed, isBoolean);
    this.expectations.push({ flow, allowed });
  }

  /** The flows whose verdict differs from the expectation (empty when the table holds). */
  public differences(): ReachabilityDifference[] {
    return this.expectations
      .map(({ flow, allowed }) => ({ flow, expectedAllowed: allowed, verdict: this.analyzer.check(flow) }))
      .filter(result => result.verdict.allowed !== result.expectedAllowed);
  }

  /**
   * The table as text: one row per client, one column per server and port,
   * `.` for allowed and `X` for denied; a wrong verdict is marked with `!`
   * (such as `X!`: denied, but expected allowed). The differences and their
   * reasons follow the matrix.
   */
  public matrix(): string {
    const rowKeys = unique(this.expectations.map(e => `${e.flow.from}`));
    const columnKey = (flow: Flow) => `${flow.to}:${flow.protocol ?? Protocol.TCP}/${flow.port}`;
    const columnKeys = unique(this.expectations.map(e => columnKey(e.flow)));
    const cells = new Map<string, string>();
    const wrong: string[] = [];
    for (const { flow, allowed } of this.expectations) {
      const verdict = this.analyzer.check(flow);
      const mark = (verdict.allowed ? '.' : 'X') + (verdict.allowed === allowed ? '' : '!');
      cells.set(`${flow.from}\u0000${columnKey(flow)}`, mark);
      if (verdict.allowed !== allowed) wrong.push(`! expected ${allowed ? 'allowed' : 'denied'}: ${verdict.reason}`);
    }
    const header = ['from \\ to', ...columnKeys.map((_, i) => `${i + 1}`)];
    const rows = rowKeys.map(row => [row, ...columnKeys.map(column => cells.get(`${row}\u0000${column}`) ?? ' ')]);
    const widths = header.map((_, i) => Math.max(...[header, ...rows].map(r => r[i].length)));
    const line = (cellsOfRow: string[]) => cellsOfRow.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
    return [
      line(header),
      ...rows.map(line),
      '',
      ...columnKeys.map((column, i) => `${i + 1}: ${column}`),
      ...(wrong.length ? ['', ...wrong] : []),
    ].join('\n');
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
