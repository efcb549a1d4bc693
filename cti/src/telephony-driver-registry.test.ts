import { expect } from 'chai';
import { ManualClock } from './shared/clock.ts';
import { createLogger } from './shared/logger.ts';
import { createTelephonyDriver, telephonyDrivers } from './telephony-driver-registry.ts';

describe('telephony driver registry', () => {
  it('should create the driver registered under each name, idle until connected', () => {
    const clock = new ManualClock('2025-01-06T01:00:00.000Z');
    const drivers = [
      createTelephonyDriver('ami', { host: '127.0.0.1', port: 5038, username: 'gasdesk', secret: 'x' }, { clock, logger: createLogger('silent') }),
      createTelephonyDriver('fake', { members: [] }, { clock }),
      createTelephonyDriver('sip', { host: '127.0.0.1', port: 9022, secret: 'cymru', agents: [{ extension: '7001', uri: 'sip:7001@127.0.0.1:5062' }] }, { clock, logger: createLogger('silent') }),
    ];
    expect(Object.keys(telephonyDrivers)).to.deep.equal(['ami', 'fake', 'sip']);
    expect(drivers.map((d) => [d.name, d.source, d.status()])).to.deep.equal([
      ['ami', 'ami', 'idle'],
      ['fake', 'sim', 'idle'],
      ['sip', 'sip', 'idle'],
    ]);
  });
});
