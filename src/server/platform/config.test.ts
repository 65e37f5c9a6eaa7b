/**
 * The configuration of forwarding coal files upward (应联尽联): a superior's address with its gateway
 * token, and/or a folder; a bad address or a missing token stops the start with a clear message.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const base = { MINEWATCH_SECRET: '11'.repeat(32), DATA_DIR: '/tmp/minewatch-config-test' };

describe('COAL_FORWARD_*', () => {
  it('names no target by default', () => {
    expect(loadConfig(base).coalForward).toEqual([]);
  });

  it('a superior (its address without a trailing slash, with the token) and a folder (resolved)', () => {
    const c = loadConfig({
      ...base,
      COAL_FORWARD_URL: 'https://province.example/',
      COAL_FORWARD_TOKEN: 'mw_0123456789abcdef',
      COAL_FORWARD_DIR: 'upload/province',
    });
    expect(c.coalForward).toEqual([
      {
        key: 'superior',
        kind: 'http',
        url: 'https://province.example',
        token: 'mw_0123456789abcdef',
      },
      { key: 'folder', kind: 'folder', dir: path.resolve('upload/province') },
    ]);
  });

  it('refuses an address that is not http(s), one with credentials, and an address without a token', () => {
    for (const url of ['ftp://province.example', 'https://u:p@province.example', 'province']) {
      expect(() =>
        loadConfig({ ...base, COAL_FORWARD_URL: url, COAL_FORWARD_TOKEN: 'mw_0123456789abcdef' }),
      ).toThrow('COAL_FORWARD_URL is not an http(s) URL without credentials');
    }
    expect(() => loadConfig({ ...base, COAL_FORWARD_URL: 'https://province.example' })).toThrow(
      'COAL_FORWARD_TOKEN',
    );
  });
});
