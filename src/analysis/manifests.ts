import type * as YAML from 'yaml';
import { invalid } from '../validation/rules';

/**
 * Parses YAML text with one or more documents into plain objects. `List`
 * objects are flattened into their items; empty documents are skipped.
 */
export function parseManifests(text: string): any[] {
  if (typeof text !== 'string') throw invalid('yaml', text, 'Give YAML text.');
  const objects: any[] = [];
  // Loaded on first use: most users of the library never parse YAML, and it adds to import time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseAllDocuments } = require('yaml') as typeof YAML;
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) {
      throw invalid('yaml', doc.errors[0].message, 'Give valid YAML: one Kubernetes object per document, separated by "---".');
    }
    const value = doc.toJS();
    if (value !== null && value !== undefined) objects.push(value);
  }
  return expandLists(objects);
}

/**
 * Replaces `List` objects (as `kubectl get -o yaml|json` prints them, kind
 * `List` or `<Kind>List`) with their items; a list without items adds nothing.
 */
export function expandLists(objects: any[]): any[] {
  return objects.flatMap(value => {
    const isList = typeof value?.kind === 'string' && value.kind.endsWith('List') && 'items' in value;
    if (!isList && value?.kind !== 'List') return [value];
    return Array.isArray(value.items) ? expandLists(value.items) : [];
  });
}
