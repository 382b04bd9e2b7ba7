import { EgressAllow, Peer, Port } from '../src';
import { newChart } from './support/synth';

/**
 * Review 4: the value-object brand (src/validation/types.ts
 * `madeByItsClass`) is now a non-enumerable property under a symbol, which
 * its doc comment says "no other module can name". Any module can:
 * `Object.getOwnPropertySymbols` and `Reflect.ownKeys` list it, and a
 * `Proxy` of a real instance answers `hasOwnProperty` for it. With the
 * WeakSet (55778ae) both objects below were refused, as the brand's doc
 * comment promises for `Object.create(Port.prototype)`: an object with none
 * of the fields a policy is rendered from, which emits `ports: [{}]` (every
 * port and protocol: k8s.io/api networking/v1 `NetworkPolicyPort`, "If this
 * field is not provided, this matches all port names and numbers").
 */
function egressWith(port: Port): () => void {
  return () => new EgressAllow(newChart(), 'Egress', { selector: { app: 'x' }, rules: [{ peers: [Peer.ipBlock('10.0.0.0/8')], ports: [port] }] });
}

describe('a JavaScript caller cannot make a Port its class did not make', () => {
  test('Object.create(Port.prototype) with the brand copied from a real Port is refused (it rendered `ports: [{}]`: every port)', () => {
    const [brand] = Object.getOwnPropertySymbols(Port.tcp(443));
    const forged = Object.create(Port.prototype);
    Object.defineProperty(forged, brand, { value: true });
    expect(egressWith(forged)).toThrow(/ports/);
  });

  test('a Proxy of a real Port whose portNumber reads undefined is refused (it rendered every TCP port)', () => {
    const proxied = new Proxy(Port.tcp(443), { get: (target, key) => (key === 'portNumber' ? undefined : Reflect.get(target, key)) });
    expect(egressWith(proxied)).toThrow(/ports/);
  });
});
