import { expect } from 'chai';
import { csvRecords, decodeCsv } from './csv-file.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const bytes = (...parts: (string | number[])[]) => Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...utf8(p)] : p)));

/** `户号,客户名称\r\nA001,钱堃\r\n` in GBK, as `iconv -f UTF-8 -t GBK` writes it (堃 is outside GB2312). */
const GBK = [0xbb, 0xa7, 0xba, 0xc5, 0x2c, 0xbf, 0xcd, 0xbb, 0xa7, 0xc3, 0xfb, 0xb3, 0xc6, 0x0d, 0x0a, 0x41, 0x30, 0x30, 0x31, 0x2c, 0xc7, 0xae, 0x88, 0xd2, 0x0d, 0x0a];

describe('import files: encodings', () => {
  it('should read UTF-8 and say whether it carried a byte-order mark when the bytes are UTF-8', () => {
    expect(decodeCsv(utf8('户号\n钱堃\n'))).to.deep.equal({ ok: true, encoding: 'utf-8', text: '户号\n钱堃\n' });
    expect(decodeCsv(bytes([0xef, 0xbb, 0xbf], '户号\n'))).to.deep.equal({ ok: true, encoding: 'utf-8-bom', text: '户号\n' });
  });

  it('should read GBK as GB18030 when the bytes are not UTF-8', () => {
    expect(decodeCsv(Uint8Array.from(GBK))).to.deep.equal({ ok: true, encoding: 'gb18030', text: '户号,客户名称\r\nA001,钱堃\r\n' });
  });

  it('should name the first line neither encoding reads when UTF-8 lines are followed by a Latin-1 one', () => {
    expect(decodeCsv(bytes('户号,客户名称\r\n', 'A001,钱堃\r\n', 'A002,Jos', [0xe9], '\r\n'))).to.deep.equal({
      ok: false,
      line: 3,
      reason: 'neither UTF-8 nor GBK/GB18030 text; save the file as CSV UTF-8 or as CSV in GBK',
    });
  });

  it('should refuse UTF-16 on line 1 when the file starts with its byte-order mark', () => {
    expect(decodeCsv(Uint8Array.from([0xff, 0xfe, 0x37, 0x62]))).to.deep.equal({ ok: false, line: 1, reason: 'the file is UTF-16 ("Unicode text"); save it as CSV UTF-8 or as CSV in GBK' });
  });
});

describe('import files: records', () => {
  it('should split quoted cells with commas, quotes and line breaks, keeping the line each record starts on', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\n\r\n  "q" ,last\rnext\n,\n';
    expect(csvRecords(text)).to.deep.equal({
      ok: true,
      records: [
        { line: 1, cells: ['a', 'b', 'c'] },
        { line: 2, cells: ['x, y', 'say "hi"', 'two\r\nlines'] },
        { line: 5, cells: ['q ', 'last'] },
        { line: 6, cells: ['next'] },
        { line: 7, cells: ['', ''] },
      ],
    });
  });

  it('should name the line where a quoted cell opens when it is never closed', () => {
    expect(csvRecords('a,b\n1,"open\n2,3\n')).to.deep.equal({ ok: false, line: 2, reason: 'a quoted cell is never closed (a " is missing)' });
  });
});
