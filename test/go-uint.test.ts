import { parseGoUint } from '../src/analysis/go-uint';

/**
 * Go's strconv.ParseUint(s, 0, 16), which Cilium's agent applies to port
 * strings. Cases from Go's strconv/atoi_test.go (parseUint64BaseTests with
 * base 0, and the underscore cases), narrowed to 16 bits.
 */
test.each([
  ['0', 0], ['1', 1], ['53', 53], ['65535', 65535],
  ['053', 43], ['0x35', 53], ['0X35', 53], ['0b110101', 53], ['0o65', 53], ['0O65', 53],
  ['1_000', 1000], ['0x_35', 53], ['0_65', 53], ['0b_1', 1],
])('ParseUint(%j, 0, 16) = %d', (text, value) => {
  expect(parseGoUint(text, 16)).toEqual({ value });
});

test.each([
  ['', 'invalid syntax'], ['08', 'invalid syntax'], ['0b2', 'invalid syntax'], ['0x', 'invalid syntax'],
  ['_1', 'invalid syntax'], ['1_', 'invalid syntax'], ['1__0', 'invalid syntax'], ['-1', 'invalid syntax'],
  ['+1', 'invalid syntax'], [' 1', 'invalid syntax'], ['1.0', 'invalid syntax'], ['dns', 'invalid syntax'],
  ['65536', 'value out of range'], ['0x10000', 'value out of range'], ['99999999999999999999', 'value out of range'],
])('ParseUint(%j, 0, 16) fails: %s', (text, error) => {
  expect(parseGoUint(text, 16)).toEqual({ error });
});
