/**
 * Input validation: the Kubernetes API-server rules and Cilium CRD rules that a
 * prop must satisfy, one function per rule. Every error names the prop, shows
 * the bad value and says what is allowed.
 *
 * @module
 */

/** Builds the one error style used across the library. */
export function invalid(prop: string, value: unknown, allowed: string): Error {
  return new Error(`Invalid ${prop}: ${show(value)}. ${allowed}`);
}

/** Values longer than this are cut in error messages. */
const MAX_SHOWN_LENGTH = 250;

/**
 * A value as an error message shows it: strings quoted, numbers as written
 * (`NaN` too), plain objects and arrays as JSON, instances of a class by class
 * name and their name, text form or description (`MessagingChannel "telegram"`,
 * `Port TCP/443`, `Peer (pods in namespaces llm)`), cut after 250 characters.
 */
function show(value: unknown): string {
  const text = render(value);
  return text.length > MAX_SHOWN_LENGTH ? `${text.slice(0, MAX_SHOWN_LENGTH)}...` : text;
}

function render(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (value === null || typeof value !== 'object') return String(value);
  if (!Array.isArray(value) && !isPlainObject(value)) return renderInstance(value);
  try {
    return JSON.stringify(value, (key, inner) => (key !== '' && isInstance(inner) ? renderInstance(inner) : inner)) ?? String(value);
  } catch {
    return String(value);
  }
}

function isInstance(value: unknown): value is object {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !isPlainObject(value);
}

function renderInstance(value: object): string {
  const className = value.constructor?.name || 'object';
  const name = (value as { name?: unknown }).name;
  if (typeof name === 'string') return `${className} ${JSON.stringify(name)}`;
  const text = typeof value.toString === 'function' && value.toString !== Object.prototype.toString ? String(value) : '';
  if (text !== '') return `${className} ${text}`;
  const description = (value as { description?: unknown }).description;
  return typeof description === 'string' ? `${className} (${description})` : className;
}

/**
 * True for an object written as `{ ... }` (or made by `JSON.parse`, or with a
 * null prototype), false for arrays, `Map`s and instances of classes.
 */
export function isPlainObject(value: unknown): value is { [key: string]: unknown } {
  if (value === null || typeof value !== 'object' || Object.prototype.toString.call(value) !== '[object Object]') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** A port number: an integer from 1 to 65535 (port 0 is rejected by the API server). */
export function validatePortNumber(prop: string, port: number): void {
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw invalid(prop, port, 'A port must be an integer from 1 to 65535.');
  }
}

/** A port range: both ends valid, and `endPort` at least `port`. */
export function validatePortRange(prop: string, port: number, endPort: number): void {
  validatePortNumber(`${prop} (start)`, port);
  validatePortNumber(`${prop} (end)`, endPort);
  if (endPort < port) {
    throw invalid(prop, `${port}-${endPort}`, 'The end port must be greater than or equal to the start port.');
  }
}

/** A namespace name: a DNS-1123 label (at most 63 lowercase alphanumerics or '-', alphanumeric at both ends). */
export function validateNamespace(prop: string, namespace: string): void {
  if (typeof namespace !== 'string' || namespace.length > 63 || !DNS1123_LABEL.test(namespace)) {
    throw invalid(prop, namespace,
      'A namespace must be a DNS-1123 label: 1-63 characters of a-z, 0-9 and "-", starting and ending with a letter or digit.');
  }
}

/** A list of namespace names: not empty, each valid, no duplicates. */
export function validateNamespaces(prop: string, namespaces: string[]): void {
  if (!Array.isArray(namespaces) || namespaces.length === 0) {
    throw invalid(prop, namespaces, 'Give at least one namespace; an empty list would select nothing.');
  }
  namespaces.forEach((ns, i) => validateNamespace(`${prop}[${i}]`, ns));
  const duplicate = namespaces.find((ns, i) => namespaces.indexOf(ns) !== i);
  if (duplicate !== undefined) {
    throw invalid(prop, namespaces, `Namespace "${duplicate}" is listed twice.`);
  }
}

/** An object name: a DNS-1123 subdomain (at most 253 lowercase alphanumerics, '-' or '.'). */
export function validateResourceName(prop: string, name: string): void {
  if (typeof name !== 'string' || name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) {
    throw invalid(prop, name,
      'A resource name must be a DNS-1123 subdomain: at most 253 characters of a-z, 0-9, "-" and ".", starting and ending with a letter or digit.');
  }
}

/** A DNS domain such as `cluster.local`: a DNS-1123 subdomain of at most 253 characters. */
export function validateDnsDomain(prop: string, domain: string): void {
  if (typeof domain !== 'string' || domain.length > 253 || !DNS1123_SUBDOMAIN.test(domain)) {
    throw invalid(prop, domain,
      'A DNS domain is lowercase labels of a-z, 0-9 and "-" separated by single dots, at most 253 characters, such as "cluster.local".');
  }
}

/** A label key: an optional DNS-subdomain prefix and '/', then a name of at most 63 characters of [A-Za-z0-9_.-]. */
export function validateLabelKey(prop: string, key: string): void {
  const allowed = 'A label key is an optional DNS subdomain prefix (at most 253 characters) and "/", then a name of 1-63 characters of A-Z, a-z, 0-9, "-", "_" and ".", starting and ending with a letter or digit.';
  if (typeof key !== 'string') throw invalid(prop, key, allowed);
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) {
    throw invalid(prop, key, allowed);
  }
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME.test(name)) {
    throw invalid(prop, key, allowed);
  }
}

/**
 * The label keys Cilium derives for every endpoint (cilium/cilium
 * `pkg/k8s/apis/cilium.io/const.go`: `io.kubernetes.pod.namespace`,
 * `io.kubernetes.pod.name`, `io.cilium.k8s.policy.*`,
 * `io.cilium.k8s.namespace.labels.*`). Pods do not carry them as Kubernetes
 * labels, so a NetworkPolicy that selects by one selects no pod while a Cilium
 * policy selects by the derived value: the two layers would disagree.
 */
const CILIUM_DERIVED_KEY_PREFIXES = ['io.kubernetes.pod.', 'io.cilium.k8s.'];

/** A label key a selector the library emits may use: a valid key that Cilium does not derive itself. */
export function validateSelectorKey(prop: string, key: string): void {
  validateLabelKey(prop, key);
  if (CILIUM_DERIVED_KEY_PREFIXES.some(prefix => key.startsWith(prefix))) {
    throw invalid(prop, key,
      'Keys starting with "io.kubernetes.pod." or "io.cilium.k8s." are labels Cilium derives, not labels pods carry: a NetworkPolicy would select no pod by them while Cilium selects by the derived value. Select namespaces with the namespace props, and pods by their own labels.');
  }
}

/** A selector's label map: `validateLabels`, and no key Cilium derives itself (`validateSelectorKey`). */
export function validateSelectorLabels(prop: string, labels: { [key: string]: string }, requireOne: boolean): void {
  validateLabels(prop, labels, requireOne);
  for (const key of Object.keys(labels)) validateSelectorKey(`${prop} key`, key);
}

/** A label value: empty, or at most 63 characters of [A-Za-z0-9_.-], alphanumeric at both ends. */
export function validateLabelValue(prop: string, value: string): void {
  if (typeof value !== 'string') {
    const asText = typeof value === 'number' || typeof value === 'boolean' ? `, such as "${value}"` : '';
    throw invalid(prop, value, `A label value is a string${asText}.`);
  }
  if (value.length > 63 || (value.length > 0 && !QUALIFIED_NAME.test(value))) {
    throw invalid(prop, value,
      'A label value is empty or 1-63 characters of A-Z, a-z, 0-9, "-", "_" and ".", starting and ending with a letter or digit.');
  }
}

/** A label map: every key and value valid; with `requireOne`, at least one label. */
export function validateLabels(prop: string, labels: { [key: string]: string }, requireOne: boolean): void {
  if (!isPlainObject(labels)) {
    throw invalid(prop, labels, 'Labels are a plain object of label keys to string values, such as { app: "openclaw" }.');
  }
  const keys = Object.keys(labels);
  if (requireOne && keys.length === 0) {
    throw invalid(prop, labels,
      'Give at least one label: an empty selector selects every pod in the namespace.');
  }
  for (const key of keys) {
    validateLabelKey(`${prop} key`, key);
    validateLabelValue(`${prop}["${key}"]`, labels[key]);
  }
}

/** Orders strings by code point, whatever the machine's locale (unlike `localeCompare`), so that output is stable. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Returns a copy of a label map with its keys sorted, so that output is stable. */
export function sortedLabels(labels: { [key: string]: string }): { [key: string]: string } {
  const sorted: { [key: string]: string } = {};
  for (const key of Object.keys(labels).sort()) sorted[key] = labels[key];
  return sorted;
}

/** A list that must not be empty because an empty one would silently allow or deny everything. */
export function validateNotEmpty<T>(prop: string, values: T[], why: string): void {
  if (!Array.isArray(values) || values.length === 0) {
    throw invalid(prop, values, why);
  }
}
