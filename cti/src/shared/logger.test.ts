import { Writable } from 'node:stream';
import { expect } from 'chai';
import { createLogger } from './logger.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

describe('cti logger', () => {
  it('should mask the numbers of a logged CallEvent and drop the AMI secret when both are logged', () => {
    const { logger, lines } = capture();
    logger.info({ event: { type: 'call.ringing', callerNumber: '13812341234', calledNumber: '057188881234' }, secret: 's3cret' }, 'ringing');
    expect(lines[0]).to.deep.include({
      event: { type: 'call.ringing', callerNumber: '138****1234', calledNumber: '057****1234' },
      secret: '[redacted]',
      msg: 'ringing',
    });
  });

  it('should mask a mobile number written inside a message when it is logged as text', () => {
    const { logger, lines } = capture();
    logger.warn('no agent for 13812341234');
    expect(lines[0]!.msg).to.equal('no agent for 138****1234');
  });
});
