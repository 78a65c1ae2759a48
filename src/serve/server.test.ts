import { get } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite, type StoreBackend } from '../store/index.js';
import { startServer, type RunningServer } from './server.js';

// The real listener: loopback by default and open writes there; any other host gets a token.
const servers: RunningServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});

describe('startServer', () => {
  it('listens on 127.0.0.1 without a token, and answers only to loopback host names', async () => {
    const store = openSqlite(':memory:', { create: true });
    const s = await startServer({ store, port: 0 });
    servers.push(s);
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(s.token).toBeNull();
    expect((await fetch(new URL('/api/health', s.url))).status).toBe(200);
    // A page of another site reaching 127.0.0.1 through its own name (DNS rebinding) sends that Host (fetch cannot set it; node:http can).
    const status = await new Promise<number>((resolve, reject) =>
      get(new URL('/api/health', s.url), { headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject),
    );
    expect(status).toBe(403);
  });

  it('on another host, makes up a token that writes need', async () => {
    const store = openSqlite(':memory:', { create: true });
    const s = await startServer({ store, port: 0, host: '0.0.0.0' });
    servers.push(s);
    expect(s.token).toMatch(/^[\w-]{20,}$/);
    const port = new URL(s.url).port;
    const body = JSON.stringify({ article: { title: 'T', text: 'The council met on Monday and approved the budget, the mayor said.' } });
    const refused = await fetch(`http://127.0.0.1:${port}/api/ingest`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { status: number } }).error.status).toBe(401);
    const taken = await fetch(`http://127.0.0.1:${port}/api/ingest`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}` }, body });
    expect(taken.status).toBe(201);
  });

  it('says in one line when the port is taken', async () => {
    const store = openSqlite(':memory:', { create: true });
    const a = await startServer({ store, port: 0 });
    servers.push(a);
    await expect(startServer({ store, port: Number(new URL(a.url).port) })).rejects.toThrow(/^port \d+ on 127\.0\.0\.1 is in use/);
  });
});
