import { expect } from 'chai';
import { amiMessage, header } from './ami-message.ts';
import { formatAmiMessage, parseAmiStream } from './ami-wire.ts';

describe('AMI wire format', () => {
  it('should read the banner and a message whose keys arrive in any case when both are in one chunk', () => {
    const chunk = parseAmiStream('Asterisk Call Manager/9.0.0\r\nRESPONSE: Success\r\nactionid: a1\r\nMessage: Authentication accepted\r\n\r\n');
    expect(chunk).to.deep.equal({
      banner: 'Asterisk Call Manager/9.0.0',
      messages: [{ headers: { response: 'Success', actionid: 'a1', message: 'Authentication accepted' }, variables: {}, destVariables: {} }],
      rest: '',
    });
  });

  it('should keep an unfinished message for the next chunk when a message is split across reads', () => {
    const first = parseAmiStream('Event: Hangup\r\nChannel: PJSIP/7001-0000');
    expect(first).to.deep.equal({ banner: null, messages: [], rest: 'Event: Hangup\r\nChannel: PJSIP/7001-0000' });
    const second = parseAmiStream(`${first.rest}0001\r\nCause: 16\r\n\r\nEvent: Ne`);
    expect(second).to.deep.equal({
      banner: null,
      messages: [{ headers: { event: 'Hangup', channel: 'PJSIP/7001-00000001', cause: '16' }, variables: {}, destVariables: {} }],
      rest: 'Event: Ne',
    });
  });

  it('should collect channel variables of both channels and keep values that contain colons when an event carries them', () => {
    const [event] = parseAmiStream(
      'Event: AgentCalled\nChanVariable: GASDESK_ACCOUNT=1000234\nDestChanVariable: GASDESK_ACCOUNT=1000234\nApplicationData: PJSIP/7001,,t:x=1\n\n',
    ).messages;
    expect(event).to.deep.equal({
      headers: { event: 'AgentCalled', applicationdata: 'PJSIP/7001,,t:x=1' },
      variables: { GASDESK_ACCOUNT: '1000234' },
      destVariables: { GASDESK_ACCOUNT: '1000234' },
    });
  });

  it('should write a message that parses back to the same headers when formatted', () => {
    const text = formatAmiMessage([['Action', 'QueuePause'], ['Interface', 'PJSIP/7001'], ['Reason', '午休']]);
    expect(text).to.equal('Action: QueuePause\r\nInterface: PJSIP/7001\r\nReason: 午休\r\n\r\n');
    const [message] = parseAmiStream(text).messages;
    expect(header(message!, 'REASON')).to.equal('午休');
    expect(message).to.deep.equal(amiMessage([['action', 'QueuePause'], ['interface', 'PJSIP/7001'], ['reason', '午休']]));
  });
});
