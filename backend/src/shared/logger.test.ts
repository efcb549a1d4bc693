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

describe('logger', () => {
  it('should mask phone and ID numbers in known fields and drop secrets', () => {
    const { logger, lines } = capture();
    logger.info({ callerNumber: '13812341234', customer: { idNumber: '33010619900101123X', phone: '+8613912345678' }, password: 'hunter22', token: 'abc' }, 'call');
    expect(lines[0]).to.deep.include({
      callerNumber: '138****1234',
      customer: { idNumber: '330106********123X', phone: '+86139****5678' },
      password: '[redacted]',
      token: '[redacted]',
      msg: 'call',
    });
  });

  it('should mask phone and ID numbers written inside a message', () => {
    const { logger, lines } = capture();
    logger.warn('no account matches 13812341234 or 33010619900101123X');
    expect(lines[0]!.msg).to.equal('no account matches 138****1234 or 330106********123X');
  });
});
