import { expect } from 'chai';
import { amiMessage } from './ami-message.ts';
import { fromManagerMessage } from './ami-connection.ts';

describe('asterisk-manager messages', () => {
  it('should turn the library’s objects back into an AMI message when variables come as an object and repeated headers as an array', () => {
    // What asterisk-manager 0.2 makes of an AgentCalled: lower-cased keys, ChanVariable as an object, DestChanVariable twice as an array.
    const raw = {
      event: 'AgentCalled',
      linkedid: '1736125200.1',
      chanvariable: { GASDESK_ACCOUNT: '1000234', GASDESK_LANE: 'service' },
      destchanvariable: ['GASDESK_ACCOUNT=1000234', 'GASDESK_LANE=service'],
    };
    expect(fromManagerMessage(raw)).to.deep.equal(
      amiMessage([
        ['Event', 'AgentCalled'],
        ['Linkedid', '1736125200.1'],
        ['ChanVariable', 'GASDESK_ACCOUNT=1000234'],
        ['ChanVariable', 'GASDESK_LANE=service'],
        ['DestChanVariable', 'GASDESK_ACCOUNT=1000234'],
        ['DestChanVariable', 'GASDESK_LANE=service'],
      ]),
    );
  });
});
