import { expect } from 'chai';
import iconv from 'iconv-lite';
import { readHhuFile, writeHhuFile, type HhuExport } from './hhu-file.ts';

const file: HhuExport = {
  companyCode: 'QJGAS',
  book: { code: 'XH-01', name: '翠苑一区' },
  period: '2026-12',
  readerName: '张志强',
  exportedAt: new Date('2026-12-01T01:00:00Z'),
  tasks: [
    { sequence: 1, taskId: 11, accountNo: 'QJ00000001', meterSerial: 'G4A0000001', address: '西湖区 翠苑一区 3幢2单元502室', previousValue: '1234.500', previousReadOn: '2026-11-05' },
    { sequence: 2, taskId: 12, accountNo: 'QJ00000002', meterSerial: 'G4A0000002', address: '西湖区 翠苑一区 3幢2单元"东"501室, 北', previousValue: null, previousReadOn: null },
  ],
};
const expected = { companyCode: 'QJGAS', bookCode: 'XH-01', period: '2026-12', timeZone: 'Asia/Shanghai' };

/** What a reader's handheld gives back: the export with values filled in, saved again (here in the encoding given). */
function filled(encoding: 'utf-8' | 'gbk', edit: (lines: string[]) => void): Uint8Array {
  const text = encoding === 'gbk' ? iconv.decode(Buffer.from(writeHhuFile(file, 'gbk')), 'gbk') : Buffer.from(writeHhuFile(file, 'utf-8')).toString('utf8').replace(/^\uFEFF/, '');
  const lines = text.split('\r\n');
  edit(lines);
  const out = lines.join('\r\n');
  return new Uint8Array(encoding === 'gbk' ? iconv.encode(out, 'gbk') : Buffer.from(out, 'utf8'));
}

describe('handheld (HHU) reading files', () => {
  it('should export a header, the columns and one row per meter, in UTF-8 with a byte-order mark or in GBK', () => {
    const utf8 = Buffer.from(writeHhuFile(file, 'utf-8'));
    expect([...utf8.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const lines = utf8.subarray(3).toString('utf8').split('\r\n');
    expect(lines.slice(0, 7)).to.deep.equal(['#GasDesk HHU,1', '#company,QJGAS', '#book,XH-01,翠苑一区', '#cycle,2026-12', '#reader,张志强', '#exported,2026-12-01T01:00:00.000Z', '#rows,2']);
    expect(lines[7]).to.match(/^#checksum,[0-9a-f]{64}$/);
    expect(lines.slice(8)).to.deep.equal([
      '序号,任务号,户号,表号,地址,上次读数,上次抄表日期,本次读数,抄表时间,故障代码,备注',
      '1,11,QJ00000001,G4A0000001,西湖区 翠苑一区 3幢2单元502室,1234.500,2026-11-05,,,,',
      '2,12,QJ00000002,G4A0000002,"西湖区 翠苑一区 3幢2单元""东""501室, 北",,,,,,',
      '',
    ]);
    expect(iconv.decode(Buffer.from(writeHhuFile(file, 'gbk')), 'gbk')).to.equal(utf8.subarray(3).toString('utf8'));
  });

  it('should read back what the handheld filled in, in either encoding, with local read times as instants', () => {
    for (const encoding of ['utf-8', 'gbk'] as const) {
      const bytes = filled(encoding, (lines) => {
        lines[9] = lines[9]!.replace(/,,,,$/, ',1260.25,2026-12-05 08:30,,');
        lines[10] = lines[10]!.replace(/,,,,$/, ',,2026-12-05 09:10,无法入户,家中无人');
      });
      const result = readHhuFile(bytes, expected);
      expect(result.ok, encoding).to.equal(true);
      if (!result.ok) continue;
      expect(result.sha256).to.match(/^[0-9a-f]{64}$/);
      expect(result.rows).to.deep.equal([
        { line: 10, taskId: 11, meterSerial: 'G4A0000001', value: '1260.25', readAt: new Date('2026-12-05T00:30:00Z'), faultCode: null, note: '', problems: [] },
        { line: 11, taskId: 12, meterSerial: 'G4A0000002', value: null, readAt: new Date('2026-12-05T01:10:00Z'), faultCode: 'no_access', note: '家中无人', problems: [] },
      ]);
    }
  });

  it('should refuse a file for another book, cycle or company, with the line that says so', () => {
    const other = (from: string, to: string) => readHhuFile(filled('utf-8', (lines) => (lines.forEach((l, i) => (lines[i] = l.replace(from, to))))), expected);
    expect(other('#book,XH-01', '#book,XH-02')).to.deep.include({ ok: false, line: 3, reason: 'the file is for reading book XH-02, not XH-01' });
    expect(other('#cycle,2026-12', '#cycle,2026-11')).to.deep.include({ ok: false, line: 4, reason: 'the file is for the 2026-11 cycle, not 2026-12' });
    expect(other('#company,QJGAS', '#company,HBGAS')).to.deep.include({ ok: false, line: 2, reason: 'the file is for company HBGAS, not QJGAS' });
    expect(readHhuFile(new TextEncoder().encode('户号,读数\r\nA1,12\r\n'), expected)).to.deep.include({ ok: false, line: 1 });
  });

  it('should refuse a file whose exported columns were changed or whose rows were cut', () => {
    const tampered = readHhuFile(filled('utf-8', (lines) => (lines[9] = lines[9]!.replace('1234.500', '1134.500'))), expected);
    expect(tampered).to.deep.include({ ok: false, line: 8, reason: 'the rows exported by the office were changed (checksum mismatch): only the last four columns may be filled in' });
    const cut = readHhuFile(filled('utf-8', (lines) => lines.splice(10, 1)), expected);
    expect(cut).to.deep.include({ ok: false, line: 7, reason: 'the file says 2 rows but has 1: it was cut short or rows were added' });
  });

  it('should name each problem of a row: a value that is no number, a time that is no time, an unknown fault, both a value and a fault', () => {
    const bytes = filled('utf-8', (lines) => {
      lines[9] = lines[9]!.replace(/,,,,$/, ',12a,5/12 8:30,,');
      lines[10] = lines[10]!.replace(/,,,,$/, ',1.5,,漏气,');
    });
    const result = readHhuFile(bytes, expected);
    if (!result.ok) throw new Error(result.reason);
    expect(result.rows.map((r) => r.problems)).to.deep.equal([
      ['reading "12a" is not a register value in m³ with at most 3 decimals', 'read time "5/12 8:30" is not written YYYY-MM-DD HH:mm'],
      ['fault code "漏气" is not one of no_access, meter_damaged, dial_unreadable, 无法入户, 表具损坏, 表盘不清'],
    ]);
  });
});
