'use strict';
/*
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`) by function name and file:
 * the top functions by self time and by inclusive time (each function counted once
 * per sample, however deep it recurses).
 *
 *   node --cpu-prof --cpu-prof-dir /tmp/prof bench/measure.js synth library 1000
 *   node bench/cpuprofile-top.js /tmp/prof/*.cpuprofile [top=15] [filter]
 */
const fs = require('fs');
const path = require('path');

const [file, topText, filter] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/cpuprofile-top.js <file.cpuprofile> [top] [filter]\n');
  process.exit(2);
}
const top = Number(topText || 15);
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const root = path.resolve(__dirname, '..') + '/';

const nodes = new Map(profile.nodes.map(n => [n.id, n]));
const parents = new Map();
for (const n of profile.nodes) for (const child of n.children || []) parents.set(child, n.id);
const keyOf = n => `${n.callFrame.functionName || '(anonymous)'}  ${n.callFrame.url.replace(/^file:\/\//, '').replace(root, '')}`
  + (n.callFrame.url ? `:${n.callFrame.lineNumber + 1}` : '');

const sampleTime = new Map();
profile.samples.forEach((id, i) => sampleTime.set(id, (sampleTime.get(id) || 0) + (profile.timeDeltas[i] || 0)));
const total = [...sampleTime.values()].reduce((a, b) => a + b, 0);

const self = new Map();
const inclusive = new Map();
for (const [id, us] of sampleTime) {
  const key = keyOf(nodes.get(id));
  self.set(key, (self.get(key) || 0) + us);
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parents.get(cur)) {
    const k = keyOf(nodes.get(cur));
    if (seen.has(k)) continue;
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) || 0) + us);
  }
}

for (const [title, map] of [['self time', self], ['inclusive time', inclusive]]) {
  console.log(`\nTop ${top} by ${title} (profile total ${(total / 1000).toFixed(0)} ms)`);
  [...map].filter(([k]) => !filter || k.includes(filter)).sort((a, b) => b[1] - a[1]).slice(0, top)
    .forEach(([k, us]) => console.log(`${(us / 1000).toFixed(0).padStart(7)} ms ${(100 * us / total).toFixed(1).padStart(5)} %  ${k}`));
}
