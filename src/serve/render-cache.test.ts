import { describe, expect, it } from 'vitest';
import { cacheKey, RenderCache } from './render-cache.js';

describe('RenderCache', () => {
  it('makes a body once per key and drops the least recently used past its cap', async () => {
    const cache = new RenderCache(10);
    let made = 0;
    const make = (body: string) => () => (made++, body);
    expect(await cache.get('a', make('aaaa'))).toBe('aaaa');
    expect(await cache.get('a', make('other'))).toBe('aaaa');
    expect(made).toBe(1);
    await cache.get('b', make('bbbb'));
    await cache.get('a', make('x')); // a is now the most recent
    await cache.get('c', make('cccc')); // 12 characters: b goes
    expect(cache.size).toBe(2);
    expect(await cache.get('b', make('new b'))).toBe('new b');
    expect(made).toBe(4);
  });

  it('does not keep a body over the cap, nor one whose making failed', async () => {
    const cache = new RenderCache(3);
    await cache.get('big', () => 'too long');
    expect(cache.size).toBe(0);
    await expect(cache.get('bad', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(await cache.get('bad', () => 'ok')).toBe('ok');
  });

  it('makes a body once for requests that come while it is being made, and again after a failure', async () => {
    const cache = new RenderCache();
    let made = 0;
    let finish!: (body: string) => void;
    const slow = () => (made++, new Promise<string>((resolve) => (finish = resolve)));
    const waiting = [cache.get('k', slow), cache.get('k', slow), cache.get('k', slow)];
    finish('body');
    expect(await Promise.all(waiting)).toEqual(['body', 'body', 'body']);
    expect(made).toBe(1);
    const failing = [cache.get('f', () => Promise.reject(new Error('no'))), cache.get('f', () => 'never made')];
    await expect(Promise.all(failing)).rejects.toThrow('no');
    expect(await cache.get('f', () => 'made after')).toBe('made after');
  });

  it('keys differ whenever a part differs', () => {
    expect(cacheKey('page', 'ab', 'c')).not.toBe(cacheKey('page', 'a', 'bc'));
  });
});
