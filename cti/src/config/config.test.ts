import { expect } from 'chai';
import { CtiConfigError, loadCtiConfig } from './config.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadCtiConfig(env);
  } catch (error) {
    if (error instanceof CtiConfigError) return error.problems.map((p) => `${p.variable}: ${p.message}`);
    throw error;
  }
  return [];
}

const AMI = { AMI_HOST: 'asterisk', AMI_USERNAME: 'gasdesk', AMI_SECRET: 's3cret' };

describe('cti config', () => {
  it('should name every missing AMI variable when the environment lacks them', () => {
    expect(problemsOf({ AMI_HOST: ' ' })).to.deep.equal(['AMI_HOST: is required', 'AMI_USERNAME: is required', 'AMI_SECRET: is required']);
  });

  it('should take the defaults and ignore other processes’ variables when only the AMI is configured', () => {
    const config = loadCtiConfig({ ...AMI, DATABASE_URL: 'mysql://x', REDIS_URL: '' });
    expect(config).to.deep.equal({
      CTI_DRIVER: 'ami',
      ...AMI,
      AMI_PORT: 5038,
      REDIS_URL: undefined,
      REDIS_PREFIX: 'gasdesk',
      LOG_LEVEL: 'info',
      AMI_PING_SECONDS: 10,
      CTI_SERVICE_LEVELS: { 'gas-emergency': 15, 'gas-service': 30 },
      CTI_DEFAULT_SERVICE_LEVEL_SECONDS: 20,
      CTI_SHORT_ABANDON_SECONDS: 5,
      CTI_WRAP_UP_SECONDS: 10,
      COMPANY_TIME_ZONE: 'Asia/Shanghai',
    });
    expect(Object.isFrozen(config)).to.equal(true);
  });

  it('should read per-queue service levels and refuse a wrong Redis URL and port', () => {
    expect(loadCtiConfig({ ...AMI, CTI_SERVICE_LEVELS: 'gas-emergency=10, gas-billing=40' }).CTI_SERVICE_LEVELS).to.deep.equal({ 'gas-emergency': 10, 'gas-billing': 40 });
    expect(problemsOf({ ...AMI, REDIS_URL: 'http://redis', AMI_PORT: '0', CTI_SERVICE_LEVELS: 'fast', COMPANY_TIME_ZONE: 'Beijing' })).to.deep.equal([
      'AMI_PORT: Too small: expected number to be >=1',
      'REDIS_URL: must start with redis://',
      'CTI_SERVICE_LEVELS: queue=seconds pairs separated by commas, e.g. gas-emergency=15,gas-service=30',
      'COMPANY_TIME_ZONE: an IANA time zone such as Asia/Shanghai',
    ]);
  });

  it('should name the missing drachtio variables and ignore the AMI ones when CTI_DRIVER is sip', () => {
    expect(problemsOf({ CTI_DRIVER: 'sip', DRACHTIO_HOST: 'drachtio' })).to.deep.equal(['DRACHTIO_SECRET: is required when CTI_DRIVER=sip', 'SIP_AGENTS: is required when CTI_DRIVER=sip']);
    expect(problemsOf({ CTI_DRIVER: 'sip', DRACHTIO_HOST: 'drachtio', DRACHTIO_SECRET: 'x', SIP_AGENTS: '7001', SIP_OUTBOUND_URI: 'sip:carrier' })).to.deep.equal([
      'SIP_AGENTS: extension=SIP URI pairs separated by commas, e.g. 7001=sip:7001@10.0.0.21:5062',
      'SIP_OUTBOUND_URI: a SIP URI with {number}, e.g. sip:{number}@carrier.example',
    ]);
  });

  it('should read the agents in order with the drachtio defaults when CTI_DRIVER is sip', () => {
    const config = loadCtiConfig({ CTI_DRIVER: 'sip', DRACHTIO_HOST: 'drachtio', DRACHTIO_SECRET: 'cymru', SIP_AGENTS: '7001=sip:7001@10.0.0.21:5062, 7002=sip:7002@10.0.0.22', SIP_OUTBOUND_URI: 'sip:{number}@carrier.example', AMI_HOST: 'ignored' });
    expect(config).to.deep.equal({
      CTI_DRIVER: 'sip',
      DRACHTIO_HOST: 'drachtio',
      DRACHTIO_PORT: 9022,
      DRACHTIO_SECRET: 'cymru',
      SIP_AGENTS: [
        { extension: '7001', uri: 'sip:7001@10.0.0.21:5062' },
        { extension: '7002', uri: 'sip:7002@10.0.0.22' },
      ],
      SIP_QUEUE: 'sip',
      SIP_OUTBOUND_URI: 'sip:{number}@carrier.example',
      REDIS_PREFIX: 'gasdesk',
      LOG_LEVEL: 'info',
      CTI_SERVICE_LEVELS: { 'gas-emergency': 15, 'gas-service': 30 },
      CTI_DEFAULT_SERVICE_LEVEL_SECONDS: 20,
      CTI_SHORT_ABANDON_SECONDS: 5,
      CTI_WRAP_UP_SECONDS: 10,
      COMPANY_TIME_ZONE: 'Asia/Shanghai',
    });
  });
});
