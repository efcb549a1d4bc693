import { expect } from 'chai';
import { IMPORT_COLUMNS, type ImportColumnKey } from '@gasdesk/schema';
import { readImportFile } from './import-rows.ts';

const HANGZHOU = { defaultCountryCode: '86', defaultAreaCode: '571' };

type Row = Partial<Record<ImportColumnKey, string>>;

function csv(rows: Row[], header: string[] = IMPORT_COLUMNS.map((c) => c.header)): Uint8Array {
  const keys = IMPORT_COLUMNS.map((c) => c.key);
  return new TextEncoder().encode([header.join(','), ...rows.map((r) => keys.map((k) => r[k] ?? '').join(','))].join('\r\n'));
}

function csvLine(row: Row): string {
  return IMPORT_COLUMNS.map((c) => row[c.key] ?? '').join(',');
}

/** A valid residential account with a conventional meter; `n` keeps its identifiers and address apart from the others'. */
function accountRow(n: number, cells: Row = {}): Row {
  return {
    customerNo: `KH${n}`,
    customerName: `住户${n}`,
    customerType: '居民',
    mobile: '13812345678',
    accountNo: `A${String(n).padStart(4, '0')}`,
    district: '西湖区',
    community: '翠苑一区',
    room: `${n}室`,
    category: '居民一般',
    openedOn: '2020-03-01',
    meterSerial: `JK${n}`,
    meterKind: '普通表',
    maker: '金卡智能',
    model: 'G2.5',
    maxFlow: '4',
    installReading: '0',
    warehouse: 'W1',
    ...cells,
  };
}

const stockRow = (n: number, cells: Row = {}): Row => ({ meterSerial: `ST${n}`, meterKind: '普通表', maker: '金卡智能', model: 'G2.5', maxFlow: '4', warehouse: 'W1', ...cells });

describe('import rows: what a valid row describes', () => {
  it('should read legacy writings of dates, numbers, labels, phones and identifiers as the API\'s values when a row is valid', () => {
    const file = readImportFile(
      csv([
        {
          customerNo: 'ＫＨ００１',
          customerName: '王建华',
          customerType: 'residential',
          idType: '身份证',
          idNumber: '11010519491231002x',
          mobile: '138 1234 5678／13900001111',
          phone: '8701 0001',
          contactName: '王小明',
          contactPhone: '+86 139-0000-2222',
          accountNo: '="3301000123"',
          district: '西湖区',
          community: '翠苑一区',
          building: '3幢',
          unit: '2单元',
          room: '502室',
          serviceArea: 'XH-01',
          category: '壁挂炉采暖',
          householdSize: '4.0',
          readingBook: 'XH-01-03',
          openedOn: '2019年3月5日',
          meterSerial: 'jk001',
          meterKind: 'ic卡表',
          maker: '金卡智能',
          model: 'G2.5',
          maxFlow: '４',
          hasCorrector: 'N',
          installReading: '12.5',
          icCardNo: '8800001',
          nextVerificationDue: '20290301',
          warehouse: 'W1',
        },
      ]),
      HANGZHOU,
    );
    const [row] = file.rows;
    expect([file.encoding, file.problems.list()]).to.deep.equal(['utf-8', []]);
    expect({ customer: row!.customer, account: row!.account, meter: row!.meter }).to.deep.equal({
      customer: {
        customerNo: 'KH001',
        fields: { type: 'residential', name: '王建华', idType: 'resident_id', idNumber: '11010519491231002X', phones: [], email: null, preferredLanguage: 'zh-CN', preferredChannel: 'sms', note: null },
        phones: [
          { e164: '+8613812345678', label: 'mobile', contactName: null, column: 'mobile' },
          { e164: '+8613900001111', label: 'mobile', contactName: null, column: 'mobile' },
          { e164: '+8657187010001', label: 'home', contactName: null, column: 'phone' },
          { e164: '+8613900002222', label: 'mobile', contactName: '王小明', column: 'contactPhone' },
        ],
      },
      account: {
        accountNo: '3301000123',
        address: { district: '西湖区', community: '翠苑一区', building: '3幢', unit: '2单元', room: '502室', addressExtra: '' },
        serviceArea: 'XH-01',
        category: 'wall_boiler_heating',
        householdSize: 4,
        readingBookCode: 'XH-01-03',
        billDelivery: 'sms',
        openedOn: '2019-03-05',
      },
      meter: {
        item: {
          serial: 'jk001',
          kind: 'ic_card',
          maker: '金卡智能',
          model: 'G2.5',
          registerDigits: 5,
          maxFlow: '4',
          hasCorrector: false,
          manufacturedOn: null,
          nextVerificationDue: '2029-03-01',
          icCard: { cardNo: '8800001', maker: '金卡智能' },
        },
        installReading: '12.5',
        warehouseCode: 'W1',
      },
    });
  });

  it('should label an organisation\'s landline a work phone and skip a number listed twice when a row lists it again', () => {
    const file = readImportFile(csv([accountRow(1, { customerType: '商业', mobile: '13812345678', phone: '0571-87010001', contactName: '刘经理', contactPhone: '138 1234 5678' })]), HANGZHOU);
    expect(file.rows[0]!.customer!.phones).to.deep.equal([
      { e164: '+8613812345678', label: 'mobile', contactName: null, column: 'mobile' },
      { e164: '+8657187010001', label: 'work', contactName: null, column: 'phone' },
    ]);
  });
});

describe('import rows: problems', () => {
  it('should name the line, the column and the reason of each invalid cell when rows break one rule each', () => {
    const rows: Row[] = [
      accountRow(2, { customerType: '个人' }),
      accountRow(3, { idType: '身份证', idNumber: '330106197203152411' }),
      accountRow(4, { idNumber: '330106197203152410' }),
      accountRow(5, { mobile: '1381234567' }),
      accountRow(6, { contactPhone: '13900002222' }),
      accountRow(7, { accountNo: 'A7' }),
      accountRow(8, { community: '' }),
      accountRow(9, { category: '居民' }),
      accountRow(10, { householdSize: '31' }),
      accountRow(11, { billDelivery: '微信' }),
      accountRow(12, { openedOn: '2026-02-30' }),
      accountRow(13, { meterKind: '智能表' }),
      accountRow(14, { registerDigits: '3' }),
      accountRow(15, { maxFlow: '4 m3' }),
      accountRow(16, { hasCorrector: '可能' }),
      accountRow(17, { installReading: '-1' }),
      accountRow(18, { meterKind: 'IC卡表' }),
      accountRow(19, { icCardNo: '8800019' }),
      accountRow(20, { nextVerificationDue: '明年' }),
      accountRow(21, { warehouse: '' }),
      accountRow(22, { idType: '身份证', idNumber: '3.30106E+17' }),
      accountRow(23, { householdSize: 'three' }),
      { customerName: '只有名字', customerType: '居民' },
      { ...accountRow(25), customerNo: '', customerName: '', customerType: '', mobile: '' },
      { customerNo: 'KH26', customerName: '住户26', customerType: '居民', ...stockRow(26) },
      stockRow(27, { installReading: '3' }),
      accountRow(28, { installReading: '' }),
    ];
    const file = readImportFile(csv(rows), HANGZHOU);
    expect(file.problems.list()).to.deep.equal([
      { row: 2, field: '客户类型', reason: 'not one of 居民, 商业, 工业, 公益' },
      { row: 3, field: '证件号码', reason: 'not a valid 18-character resident ID (check digit)' },
      { row: 4, field: '证件类型', reason: 'say which kind of ID the number is' },
      { row: 5, field: '手机', reason: '"1381234567" is not a phone number' },
      { row: 6, field: '联系人', reason: 'required with 联系人电话' },
      { row: 7, field: '户号', reason: 'Too small: expected string to have >=4 characters' },
      { row: 8, field: '小区', reason: 'required' },
      { row: 9, field: '用气类别', reason: 'not one of 居民一般, 壁挂炉采暖, 农村采暖, 商业, 工业, 公益' },
      { row: 10, field: '户籍人口', reason: 'Too big: expected number to be <=30' },
      { row: 11, field: '账单投递', reason: 'not one of 纸质, 户外通知, 短信, 邮件, 网上' },
      { row: 12, field: '开户日期', reason: 'not a real date' },
      { row: 13, field: '表类型', reason: 'not one of 普通表, IC卡表, 远传表' },
      { row: 14, field: '表位数', reason: 'Too small: expected number to be >=4' },
      { row: 15, field: '最大流量', reason: 'a decimal number such as "2.5"' },
      { row: 16, field: '带修正仪', reason: '是 or 否' },
      { row: 17, field: '安装读数', reason: 'a register value in m³ such as "1234.5" (at most 3 decimals)' },
      { row: 18, field: 'IC卡号', reason: 'an IC-card meter needs its card' },
      { row: 19, field: 'IC卡号', reason: 'only IC-card meters carry a card' },
      { row: 20, field: '下次检定日期', reason: 'a date written YYYY-MM-DD' },
      { row: 21, field: '表库', reason: 'required' },
      { row: 22, field: '证件号码', reason: 'Excel turned the number into 3.30106E+17: format the column as text before saving the file' },
      { row: 23, field: '户籍人口', reason: 'a whole number such as 3' },
      { row: 24, field: '客户编号', reason: 'a customer without an account needs 客户编号 or 证件号码, so that importing the file again finds it' },
      { row: 25, field: '客户名称', reason: 'required: an account needs its customer' },
      { row: 26, field: '表号', reason: 'a meter is installed at an account: fill in the account, or leave the customer empty for a meter in stock' },
      { row: 27, field: '安装读数', reason: 'a meter in stock has no install reading' },
      { row: 28, field: '安装读数', reason: 'required' },
    ]);
    expect(file.rows.filter((r) => r.customer || r.account || r.meter)).to.deep.equal([]);
  });

  it('should refuse a line whose cells do not fit the header, allowing empty cells after the last column', () => {
    const text = `${IMPORT_COLUMNS.map((c) => c.header).join(',')}\nKH1,住户1\n${csvLine(accountRow(1))},,\n${csvLine(stockRow(2))},x\n`;
    expect(readImportFile(new TextEncoder().encode(text), HANGZHOU).problems.list()).to.deep.equal([
      { row: 2, field: '', reason: '2 cells where the header has 34 columns (a comma or line break in a cell without quotes?)' },
      { row: 4, field: '', reason: '35 cells where the header has 34 columns (a comma or line break in a cell without quotes?)' },
    ]);
  });

  it('should name every missing, unknown, repeated and unnamed column when the header does not fit the contract', () => {
    const header = IMPORT_COLUMNS.map((c) => c.header).filter((h) => h !== '表库' && h !== '室');
    const file = readImportFile(new TextEncoder().encode(`${[...header, '余额', 'Account No', ''].join(',')}\n1,2\n`), HANGZHOU);
    expect([file.unreadable, file.rows, file.problems.list()]).to.deep.equal([
      true,
      [],
      [
        { row: 1, field: '室', reason: 'missing column' },
        { row: 1, field: '表库', reason: 'missing column' },
        { row: 1, field: '余额', reason: 'unknown column' },
        { row: 1, field: 'Account No', reason: 'the same column as "户号"' },
        { row: 1, field: '', reason: 'column 35 has no header' },
      ],
    ]);
    expect(readImportFile(csv([]), HANGZHOU).problems.list()).to.deep.equal([{ row: 1, field: '', reason: 'no rows under the header' }]);
  });
});

describe('import rows: checks across rows', () => {
  it('should mark every row of a repeated account number, meter serial or address and of a customer whose rows disagree', () => {
    const rows: Row[] = [
      accountRow(1, { accountNo: 'A0099' }),
      accountRow(2, { accountNo: 'a0099' }),
      accountRow(3, { meterSerial: 'JK-SAME' }),
      stockRow(4, { meterSerial: 'jk-same' }),
      accountRow(5, { room: '502室' }),
      accountRow(6, { room: '５０２室' }),
      accountRow(7, { customerNo: '', idType: '身份证', idNumber: '330106197203152410' }),
      accountRow(8, { customerNo: '', idType: '身份证', idNumber: '330106197203152410', customerName: '另一个人' }),
      accountRow(9, { customerNo: 'KH-SAME' }),
      accountRow(10, { customerNo: 'KH-SAME', customerName: '住户9', customerType: '商业' }),
      accountRow(11, { customerNo: 'KH-BOTH', customerName: '住户11', customerType: 'residential' }),
      accountRow(12, { customerNo: 'KH-BOTH', customerName: '住户11' }),
    ];
    const file = readImportFile(csv(rows), HANGZHOU);
    expect(file.problems.list()).to.deep.equal([
      { row: 2, field: '户号', reason: 'also on line 3' },
      { row: 3, field: '户号', reason: 'also on line 2' },
      { row: 4, field: '表号', reason: 'also on line 5: a meter is at one place' },
      { row: 5, field: '表号', reason: 'also on line 4: a meter is at one place' },
      { row: 6, field: '小区', reason: 'the same address is on line 7: one premise has one active account' },
      { row: 7, field: '小区', reason: 'the same address is on line 6: one premise has one active account' },
      { row: 9, field: '客户名称', reason: 'differs from line 8, which has the same 证件号码' },
      { row: 11, field: '客户类型', reason: 'differs from line 10, which has the same 客户编号' },
    ]);
    expect(file.rows.map((r) => r.customerGroup)).to.deep.equal([0, 1, 2, null, 4, 5, 6, 6, 8, 8, 10, 10]);
  });
});
