import { describe, expect, it } from 'vitest';
import { lookupGuard, refusedUrl } from './address.js';

// The address policy itself; test/hostile/ssrf.test.ts runs it through the CLI against local servers.

describe('address policy', () => {
  it('refuses loopback, private, link-local, multicast and unspecified hosts in every form', () => {
    for (const u of ['http://127.0.0.1/', 'http://127.8.9.1/', 'http://localhost:8080/', 'http://a.localhost/', 'http://[::1]/', 'http://0x7f000001/', 'http://2130706433/', 'http://0177.0.0.1/', 'http://127.1/', 'http://[::ffff:127.0.0.1]/', 'http://10.1.2.3/', 'http://172.16.0.1/', 'http://192.168.1.1/', 'http://169.254.169.254/latest/meta-data/', 'http://[fe80::1]/', 'http://[fc00::1]/', 'http://224.0.0.1/', 'http://[ff02::1]/', 'http://0.0.0.0/', 'http://[::]/', 'http://100.64.0.1/'])
      expect(refusedUrl(u), u).not.toBeNull();
    for (const u of ['https://example.org/a', 'http://93.184.216.34/', 'http://[2606:4700::1111]/']) expect(refusedUrl(u), u).toBeNull();
    expect(refusedUrl('file:///etc/passwd')).toMatch(/not http/);
  });

  it('judges a name by every address it resolves to, when the socket connects (no rebinding)', async () => {
    const answers: Record<string, string[]> = { 'news.example': ['93.184.216.34'], 'rebind.example': ['93.184.216.34', '10.0.0.5'], 'inside.example': ['::ffff:192.168.0.7'] };
    const guard = lookupGuard((host, _o, cb) => cb(null, (answers[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))));
    const ask = (host: string) => new Promise<string>((resolve) => guard(host, { all: true }, (error, addresses) => resolve(error ? error.message : JSON.stringify(addresses))));
    expect(await ask('news.example')).toContain('93.184.216.34');
    expect(await ask('rebind.example')).toMatch(/^refused: rebind\.example resolves to a private address \(10\.0\.0\.5/);
    expect(await ask('inside.example')).toMatch(/^refused: inside\.example resolves to a private address/);
    expect(await ask('LOCALHOST')).toMatch(/^refused: LOCALHOST is this machine/);
  });

});
