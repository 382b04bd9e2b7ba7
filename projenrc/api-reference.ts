/**
 * Arranges the API references that `jsii-docgen` writes: the types are grouped
 * and ordered as `src/index.ts` exports them (its `// Heading` comments; the
 * OpenClaw constructs come first), under a table of contents.
 *
 * Usage: ts-node projenrc/api-reference.ts src/index.ts API.md [docs/API.python.md ...]
 * Each reference file is rewritten in place from jsii-docgen's output.
 */
import * as fs from 'fs';
import * as path from 'path';

/** One exported group of `src/index.ts`: its heading and the type names, in order. */
interface ExportGroup {
  readonly heading: string;
  readonly names: string[];
}

/** One type's section of a jsii-docgen reference. */
interface TypeSection {
  readonly name: string;
  readonly kind: string;
  readonly text: string;
}

const KINDS: { [docgenHeading: string]: string } = {
  Constructs: 'construct', Structs: 'struct', Classes: 'class', Protocols: 'interface', Enums: 'enum',
};

/** The groups of `src/index.ts`: each `// Heading` comment and the names exported below it. */
export function exportGroups(indexSource: string): ExportGroup[] {
  const groups: ExportGroup[] = [];
  for (const line of indexSource.split('\n')) {
    const heading = /^\/\/ (.+)$/.exec(line);
    if (heading) groups.push({ heading: heading[1].replace(/[:(].*$/, '').trim(), names: [] });
    const exported = /^export (?:type )?\{([^}]+)\}/.exec(line);
    if (exported && groups.length) {
      groups[groups.length - 1].names.push(...exported[1].split(',').map(name => name.trim()).filter(Boolean));
    }
  }
  return groups.filter(group => group.names.length > 0);
}

/** The type sections of a jsii-docgen reference (`## Kind`, then `### Name <a … id="pkg.Name">`). */
export function typeSections(reference: string): TypeSection[] {
  const sections: TypeSection[] = [];
  let kind = '';
  let current: { name: string; kind: string; lines: string[] } | undefined;
  const close = () => {
    if (current) sections.push({ name: current.name, kind: current.kind, text: current.lines.join('\n').trimEnd() });
    current = undefined;
  };
  for (const line of reference.split('\n')) {
    const kindHeading = /^## (\w+) <a /.exec(line);
    const typeHeading = /^### (\S+) <a name="[^"]*" id="[^"]*"><\/a>/.exec(line);
    if (kindHeading) {
      close();
      kind = KINDS[kindHeading[1]] ?? kindHeading[1].toLowerCase();
    } else if (typeHeading) {
      close();
      current = { name: typeHeading[1], kind, lines: [line] };
    } else if (current) {
      current.lines.push(line);
    }
  }
  close();
  return sections;
}

/** The reference rearranged: a header, the table of contents, then each group's sections. */
export function arrange(reference: string, groups: ExportGroup[], header: string): string {
  const sections = new Map(typeSections(reference).map(section => [section.name, section]));
  const grouped = new Set(groups.flatMap(group => group.names));
  const missing = [...sections.keys()].filter(name => !grouped.has(name));
  if (missing.length) {
    throw new Error(`The API reference documents types that no group of src/index.ts exports: ${missing.join(', ')}.`
      + ' Export them under a "// Heading" comment.');
  }
  const present = groups.map(group => ({ ...group, sections: group.names.map(name => sections.get(name)).filter(isDefined) }))
    .filter(group => group.sections.length > 0);
  const anchor = (heading: string) => `api-${heading.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const contents = present.map(group => [`- [${group.heading}](#${anchor(group.heading)})`,
    ...group.sections.map(section => `  - [${section.name}](#${section.name}) (${section.kind})`)].join('\n'));
  const body = present.map(group => [`## ${group.heading} <a name="${group.heading}" id="${anchor(group.heading)}"></a>`,
    ...group.sections.map(section => section.text)].join('\n\n'));
  return compactAnchors([header.trimEnd(), '## Contents', contents.join('\n'), ...body].join('\n\n') + '\n');
}

/**
 * Shorter anchors, the same in ids and links: jsii-docgen writes every anchor
 * twice (`name` and `id`) and prefixes each with the package name, which
 * together make a fifth of the file. `id` alone is what renderers use.
 */
export function compactAnchors(reference: string): string {
  return reference
    .replace(/<a name="[^"]*" id="/g, '<a id="')
    .replace(/(id="|href="#|\]\(#)cdk8s-openclaw\./g, '$1');
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

const HEADERS: { [language: string]: (file: string) => string } = {
  typescript: file => `# API Reference <a name="API Reference" id="api-reference"></a>

The TypeScript reference of \`cdk8s-openclaw\`. Also: [the Python reference](${link(file, 'docs/API.python.md')}),
and the generated Cilium CRD classes of the \`cilium\` submodule in [docs/cilium.md](${link(file, 'docs/cilium.md')}).
Generated from the doc comments by \`npx projen docgen\`; do not edit.`,
  python: file => `# API Reference (Python) <a name="API Reference" id="api-reference"></a>

The Python reference of \`cdk8s-openclaw\` (module \`cdk8s_openclaw\`). Also: [the TypeScript reference](${link(file, 'API.md')}),
and the generated Cilium CRD classes of the \`cilium\` submodule in [docs/cilium.md](${link(file, 'docs/cilium.md')}).
Generated from the doc comments by \`npx projen docgen\`; do not edit.`,
};

function link(from: string, to: string): string {
  return path.relative(path.dirname(from), to).split(path.sep).join('/');
}

if (require.main === module) {
  const [index, ...references] = process.argv.slice(2);
  const groups = exportGroups(fs.readFileSync(index, 'utf8'));
  for (const file of references) {
    const language = file.includes('.python.') ? 'python' : 'typescript';
    fs.writeFileSync(file, arrange(fs.readFileSync(file, 'utf8'), groups, HEADERS[language](file)));
  }
}
