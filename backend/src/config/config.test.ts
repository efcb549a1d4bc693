import { expect } from 'chai';
import { ConfigError, loadConfig } from './config.ts';

function problemsOf(env: Record<string, string>, req?: Parameters<typeof loadConfig>[1]): string[] {
  try {
    loadConfig(env, req);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => `${p.variable}: ${p.message}`);
    throw err;
  }
  return [];
}

describe('config', () => {
  it('should default to the embedded database on port 3000 with jobs in-process', () => {
    const config = loadConfig({});
    expect(config).to.deep.include({ DATABASE_URL: 'sqlite:data/gasdesk.sqlite', PORT: 3000, DEFAULT_COUNTRY_CODE: '86', COMPANY_TIME_ZONE: 'Asia/Shanghai' });
    expect(config.REDIS_URL).to.equal(undefined);
    expect(Object.isFrozen(config)).to.equal(true);
  });

  it('should name every wrong variable at once', () => {
    expect(problemsOf({ DATABASE_URL: 'postgres://x', PORT: '70000', REDIS_URL: 'http://r', LOG_LEVEL: 'loud', DEMO_PASSWORD: 'short' })).to.deep.equal([
      'DATABASE_URL: must start with sqlite: or mysql://',
      'REDIS_URL: must start with redis://',
      'PORT: Too big: expected number to be <=65535',
      'LOG_LEVEL: Invalid option: expected one of "fatal"|"error"|"warn"|"info"|"debug"|"trace"|"silent"',
      'DEMO_PASSWORD: at least 10 characters',
    ]);
  });

  it('should require the AMI credentials when AMI_HOST is set, and the drachtio secret with its host', () => {
    expect(problemsOf({ AMI_HOST: 'pbx', AMI_USERNAME: 'gasdesk', DRACHTIO_HOST: 'sip' })).to.deep.equal([
      'AMI_SECRET: required when AMI_HOST is set',
      'DRACHTIO_SECRET: required when DRACHTIO_HOST is set',
    ]);
  });

  it('should require what an entry point names, and refuse SQLite shared by production processes', () => {
    expect(problemsOf({}, { requireVariables: ['DATABASE_URL', 'REDIS_URL'] })).to.deep.equal(['DATABASE_URL: is required by this process', 'REDIS_URL: is required by this process']);
    expect(problemsOf({ NODE_ENV: 'production', REDIS_URL: 'redis://r' })).to.deep.equal([
      'DATABASE_URL: several processes sharing Redis need a shared MySQL database, not an embedded SQLite file',
    ]);
  });

  it('should treat an empty optional variable as unset and parse flags', () => {
    const config = loadConfig({ REDIS_URL: '', SEED_DEMO: 'no', AMI_HOST: ' ' });
    expect([config.REDIS_URL, config.SEED_DEMO, config.AMI_HOST]).to.deep.equal([undefined, false, undefined]);
  });
});
