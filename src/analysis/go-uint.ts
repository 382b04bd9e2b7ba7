/**
 * Go's `strconv.ParseUint(s, 0, bitSize)`, which Cilium's agent uses for the
 * port strings of a policy (`pkg/policy/api/rule_validation.go`,
 * `PortProtocol.sanitize`; `pkg/policy/rules.go`): base 0 reads `0x`/`0X` as
 * hexadecimal, `0b`/`0B` as binary, `0o`/`0O` and a leading `0` as octal
 * (so `"053"` is 43 and `"08"` is an error), and allows `_` between digits.
 *
 * @module
 */

/** The outcome: the value, or Go's error kind. */
export type GoUintResult = { readonly value: number } | { readonly error: 'invalid syntax' | 'value out of range' };

/** `strconv.ParseUint(text, 0, bits)`. */
export function parseGoUint(text: string, bits: number): GoUintResult {
  if (text.length === 0) return { error: 'invalid syntax' };
  let base = 10;
  let digits = text;
  const prefix = text.length > 1 && text[0] === '0' ? text[1].toLowerCase() : '';
  if (prefix === 'x' || prefix === 'b' || prefix === 'o') {
    base = prefix === 'x' ? 16 : prefix === 'b' ? 2 : 8;
    digits = text.slice(2);
  } else if (text.length > 1 && text[0] === '0') {
    base = 8;
    digits = text.slice(1);
  }
  if (!underscoresOk(text)) return { error: 'invalid syntax' };
  digits = digits.replace(/_/g, '');
  if (digits.length === 0) return { error: 'invalid syntax' };
  let value = 0n;
  for (const char of digits.toLowerCase()) {
    const digit = parseInt(char, 36);
    if (Number.isNaN(digit) || digit >= base) return { error: 'invalid syntax' };
    value = value * BigInt(base) + BigInt(digit);
  }
  return value > 2n ** BigInt(bits) - 1n ? { error: 'value out of range' } : { value: Number(value) };
}

/**
 * Go's `underscoreOK`: each `_` follows a digit or the base prefix and
 * precedes a digit (a leading `0` of an octal number counts as a digit).
 */
function underscoresOk(text: string): boolean {
  // 'x' stands for a digit, '0' for a base prefix, '_' for an underscore, '!' for anything else.
  let saw = '^';
  let i = 0;
  if (text.length >= 2 && text[0] === '0' && /[xXbBoO]/.test(text[1])) {
    i = 2;
    saw = '0';
  }
  for (; i < text.length; i++) {
    const char = text[i];
    if (/[0-9a-fA-F]/.test(char)) {
      saw = 'x';
    } else if (char === '_') {
      if (saw !== '0' && saw !== 'x') return false;
      saw = '_';
    } else {
      if (saw === '_') return false;
      saw = '!';
    }
  }
  return saw !== '_';
}
