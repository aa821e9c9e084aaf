import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config.js';

describe('loadConfig', () => {
  it('defaults to the local Neo4j on loopback with full clearance for its owner', () => {
    const config = loadConfig({});
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(4000);
    expect(config.clearance).toBe('RED');
    expect(config.neo4j).toMatchObject({ mode: 'local', boltPort: 7687, heap: '2g', pageCache: '1g' });
  });

  it('uses an external server when NEO4J_URI is set, routing schemes included', () => {
    const config = loadConfig({
      NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io',
      NEO4J_USER: 'neo4j',
      NEO4J_PASSWORD: 'pw',
      NEO4J_DATABASE: 'atlas',
    });
    expect(config.neo4j).toEqual({
      mode: 'external',
      uri: 'neo4j+s://abc.databases.neo4j.io',
      user: 'neo4j',
      password: 'pw',
      database: 'atlas',
    });
  });

  it('refuses a non-loopback address until sign-in is configured, naming the variable and the command', () => {
    expect(() => loadConfig({ ATLAS_HOST: '0.0.0.0' })).toThrow(ConfigError);
    expect(() => loadConfig({ ATLAS_HOST: '0.0.0.0' })).toThrow(/ATLAS_SESSION_SECRET.*create-admin/);
    expect(() => loadConfig({ ATLAS_HOST: '0.0.0.0', ATLAS_CLEARANCE: 'GREEN' })).toThrow(/ATLAS_SESSION_SECRET/);
    expect(() => loadConfig({ ATLAS_HOST: '0.0.0.0', ATLAS_SESSION_SECRET: 'too short' })).toThrow(/at least 32 characters/);
    const config = loadConfig({ ATLAS_HOST: '0.0.0.0', ATLAS_SESSION_SECRET: 's'.repeat(32) });
    expect(config).toMatchObject({ loopback: false, sessionSecret: 's'.repeat(32) });
    expect(loadConfig({}).loopback).toBe(true);
  });

  it('keeps CORS off unless origins are listed, and checks them', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ ATLAS_CORS_ORIGINS: 'https://a.example, http://b.example:8080' }).corsOrigins).toEqual([
      'https://a.example',
      'http://b.example:8080',
    ]);
    expect(() => loadConfig({ ATLAS_CORS_ORIGINS: '*' })).toThrow(/ATLAS_CORS_ORIGINS/);
  });

  it('reads the rate limits', () => {
    expect(loadConfig({}).loginLimit).toEqual({ max: 10, windowMs: 900_000 });
    expect(loadConfig({}).heavyQueryLimit).toEqual({ max: 120, windowMs: 60_000 });
    expect(loadConfig({ ATLAS_HEAVY_RATE_LIMIT: '5' }).heavyQueryLimit).toEqual({ max: 5, windowMs: 60_000 });
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ ATLAS_PORT: 'abc', NEO4J_HEAP: 'lots' });
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/ATLAS_PORT/);
      expect(message).toMatch(/NEO4J_HEAP: a JVM size such as 2g or 512m/);
    }
    expect(() => loadConfig({ NEO4J_URI: 'bolt://db:7687', NEO4J_USER: 'neo4j' })).toThrow(/NEO4J_PASSWORD/);
  });
});
