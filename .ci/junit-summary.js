// Prints jest's totals from a JUnit report as one plain line: "N passed, N failed, N skipped".
const fs = require('fs');

const file = process.argv[2];
if (!fs.existsSync(file)) {
  console.log('0 passed, 1 failed (no test report: the tests did not run)');
  process.exit(0);
}
const xml = fs.readFileSync(file, 'utf8');
const root = /<testsuites\b[^>]*>/.exec(xml)?.[0] ?? '';
const count = name => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(root)?.[1] ?? 0);
const skipped = (xml.match(/<skipped\s*\/>/g) ?? []).length;
const failed = count('failures') + count('errors');
const passed = count('tests') - failed - skipped;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
