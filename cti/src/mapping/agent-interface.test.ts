import { expect } from 'chai';
import { agentOfInterface, deviceOfChannel, extensionOfInterface } from './agent-interface.ts';

describe('agent interfaces', () => {
  it('should find the extension 7001 in every interface style Asterisk uses for a queue member', () => {
    const interfaces = ['PJSIP/7001', 'SIP/7001', 'Local/7001@from-queue/n', 'PJSIP/7001@pbx', 'IAX2/7001'];
    expect(interfaces.map(extensionOfInterface)).to.deep.equal(['7001', '7001', '7001', '7001', '7001']);
  });

  it('should strip the sequence number and Local half from channel names when finding the device', () => {
    const channels = ['PJSIP/7001-0000002a', 'SIP/7001-00000001', 'Local/7001@from-queue-00000003;1', 'PJSIP/carrier-000000ff'];
    expect(channels.map(deviceOfChannel)).to.deep.equal(['PJSIP/7001', 'SIP/7001', 'Local/7001@from-queue', 'PJSIP/carrier']);
  });

  it('should keep the member interface beside the extension when building an agent', () => {
    expect(agentOfInterface('Local/7001@from-queue/n')).to.deep.equal({ extension: '7001', interface: 'Local/7001@from-queue/n' });
  });
});
