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

  it('refuses a non-loopback address without an explicit clearance, naming the variable', () => {
    expect(() => loadConfig({ ATLAS_HOST: '0.0.0.0' })).toThrow(ConfigError);
    expect(() => loadConfig({ ATLAS_HOST: '0.0.0.0' })).toThrow(/ATLAS_CLEARANCE/);
    expect(loadConfig({ ATLAS_HOST: '0.0.0.0', ATLAS_CLEARANCE: 'GREEN' }).clearance).toBe('GREEN');
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
