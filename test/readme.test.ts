import * as fs from 'fs';
import * as path from 'path';
import { AiProvider, EndpointSet, EnforcementModel, MessagingChannel, OpenClawNetworkIsolation, OpenClawService } from '../src';
import { newChart, synth } from './support/synth';
import { connectivityEdges, toMermaid } from '../src/analysis/graph';
import { defaultIntent } from '../src/analysis/intent';
import { checkOpenClaw } from '../src/analysis/openclaw-check';
import { EXCLUDED_HOSTS, ExclusionReason } from '../src/catalog/exclusions';
import { compareText } from '../src/validation/rules';

/**
 * The README's catalog tables are what users read before they pick entries:
 * each named entry's row must list exactly the entry's hosts and ports.
 */
const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

function namedEntries(className: string, cls: any): [string, EndpointSet][] {
  return Object.keys(cls)
    .filter(key => /^[A-Z][A-Z0-9_]*$/.test(key) && cls[key] instanceof EndpointSet)
    .map(key => [`${className}.${key}`, cls[key] as EndpointSet]);
}

const ENTRIES: [string, EndpointSet][] = [
  ...namedEntries('AiProvider', AiProvider),
  ...namedEntries('MessagingChannel', MessagingChannel),
  ...namedEntries('OpenClawService', OpenClawService),
];

test('every named catalog entry is documented', () => {
  expect(ENTRIES.length).toBe(8 + 12 + 5);
});

test.each(ENTRIES)('the README row of %s lists exactly its hosts and ports', (entry, set) => {
  const row = readme.split('\n').find(line => line.startsWith(`| \`${entry}\` |`));
  expect(row).toBeDefined();
  const [hosts, ports] = row!.split('|').slice(2, 4).map(cell => cell.trim());
  expect(hosts.split(', ').sort()).toEqual(set.fqdns.map(String).sort());
  expect(ports.split(', ')).toEqual(set.ports.map(port => port.toString().replace('/', ' ')));
});

test('the README graph of the default policies is what `check --format mermaid` draws for them', () => {
  const chart = newChart('openclaw');
  new OpenClawNetworkIsolation(chart, 'Isolation');
  const intent = defaultIntent(true);
  const check = checkOpenClaw(synth(chart), intent, { model: EnforcementModel.GENERIC });
  const block = /```mermaid\n([\s\S]*?)\n```/.exec(readme);
  expect(block?.[1]).toEqual(toMermaid(connectivityEdges(check, intent)));
});

test('the README\'s examples of run-time type errors are the messages the library throws', () => {
  const shown = (start: string) => readme.split('\n').find(line => line.startsWith(start));
  const thrown = (build: () => unknown) => {
    try {
      build();
    } catch (e) {
      return (e as Error).message;
    }
    return 'no error';
  };
  // A JavaScript caller's mistakes, written as TypeScript would refuse them.
  const wrong = (value: unknown): any => value;
  expect(shown('Invalid egressPorts[0]:')).toBe(thrown(() => new OpenClawNetworkIsolation(newChart(), 'I', { egressPorts: wrong([443]) })));
  expect(shown('Invalid channels[0]:')).toBe(thrown(() => new OpenClawNetworkIsolation(newChart(), 'I', { channels: wrong(['telegram']) })));
});

/** The README's "left out on purpose" list, as generated from `src/catalog/exclusions.ts`. */
function leftOutMarkdown(): string {
  const counted = [ExclusionReason.DOCS_LINK, ExclusionReason.IDENTIFIER, ExclusionReason.EXAMPLE, ExclusionReason.BROWSER_SIDE];
  return Object.values(ExclusionReason).map(reason => {
    const hosts = EXCLUDED_HOSTS.filter(e => e.reason === reason).map(e => e.host).sort(compareText);
    return counted.includes(reason)
      ? `- ${reason}: ${hosts.length} hosts`
      : `- ${reason}: ${hosts.map(h => `\`${h}\``).join(', ')}`;
  }).join('\n');
}

test('the README\'s "left out on purpose" list is generated from the exclusion list', () => {
  const block = /<!-- left-out:start -->\n([\s\S]*?)\n<!-- left-out:end -->/.exec(readme);
  expect(block?.[1]).toEqual(leftOutMarkdown());
});
