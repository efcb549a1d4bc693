import { expect } from 'chai';
import { formatPhoneForDisplay, normalizePhone, PhoneInput, phoneSearchKeys, type NormalizedPhone, type PhoneKind } from './phone.ts';

const hangzhou = { defaultCountryCode: '86', defaultAreaCode: '571' };
const noArea = { defaultCountryCode: '86' };

const phone = (e164: string, kind: PhoneKind, national: string, extension: string | null = null): NormalizedPhone => ({ e164, kind, national, extension });
const MOBILE = phone('+8613812345678', 'mobile', '13812345678');
const HALL = phone('+8657187010001', 'landline', '057187010001');
const withExtension = (p: NormalizedPhone, extension: string): NormalizedPhone => ({ ...p, extension });

/** [how it is written, why it is written that way, what it must become] */
type Row = [string, string, NormalizedPhone];

const mobiles: Row[] = [
  ['138 1234 5678', 'grouped with spaces', MOBILE],
  ['13812345678', 'bare', MOBILE],
  ['+86 138-1234-5678', 'with +86 and dashes', MOBILE],
  ['(+86) 138 1234 5678', 'with the country code in brackets', MOBILE],
  ['008613812345678', 'with the 00 international prefix', MOBILE],
  ['8613812345678', 'with 86 and no plus', MOBILE],
  ['138.1234.5678', 'grouped with dots', MOBILE],
  ['１３８　１２３４　５６７８', 'in full-width digits and spaces', MOBILE],
  ['1795113812345678', 'after the 17951 IP-dialling prefix', MOBILE],
  ['12593 13812345678', 'after the 12593 IP-dialling prefix', MOBILE],
  ['17911-13812345678', 'after the 17911 IP-dialling prefix', MOBILE],
  ['013812345678', 'with the 0 a landline dials before an out-of-town mobile', MOBILE],
  ['913812345678', 'after a PBX trunk 9', MOBILE],
  ['9013812345678', 'after a PBX trunk 9 and the out-of-town 0', MOBILE],
  ['19912345678', 'with a 199 prefix', phone('+8619912345678', 'mobile', '19912345678')],
];

const landlines: Row[] = [
  ['0571-87010001', 'with a dash after the area code', HALL],
  ['(0571) 8701 0001', 'with the area code in brackets', HALL],
  ['（０５７１）８７０１－０００１', 'in full-width characters', HALL],
  ['057187010001', 'bare', HALL],
  ['+86 571 87010001', 'in international form', HALL],
  ['+86 0571 87010001', 'in international form keeping the trunk 0', HALL],
  ['0086 571 8701 0001', 'with 0086', HALL],
  ['8657187010001', 'with 86 and no plus', HALL],
  ['87010001', 'as a local number', HALL],
  ['987010001', 'as a local number after a PBX trunk 9', HALL],
  ['9 0571 87010001', 'after a PBX trunk 9', HALL],
  ['17951 0571 87010001', 'after an IP-dialling prefix', HALL],
  ['86020001', 'as a local number that starts with 86', phone('+8657186020001', 'landline', '057186020001')],
  ['010-8701 0001', 'in Beijing (two-digit area code)', phone('+861087010001', 'landline', '01087010001')],
  ['+86 10 8701 0001', 'in Beijing in international form', phone('+861087010001', 'landline', '01087010001')],
  ['020-38765432', 'in Guangzhou', phone('+862038765432', 'landline', '02038765432')],
  ['0755 2345678', 'with a seven-digit subscriber number', phone('+867552345678', 'landline', '07552345678')],
];

const services: Row[] = [
  ['95598', 'as a nationwide 95 hotline', phone('+8695598', 'service', '95598')],
  ['96345', 'as a local 96 hotline', phone('+8696345', 'service', '96345')],
  ['12345', 'as the government hotline', phone('+8612345', 'service', '12345')],
  ['10086', 'as a carrier hotline', phone('+8610086', 'service', '10086')],
  ['400-812-3456', 'as a 400 number', phone('+864008123456', 'service', '4008123456')],
  ['800 810 8888', 'as an 800 number', phone('+868008108888', 'service', '8008108888')],
  ['+86 400 812 3456', 'as a 400 number in international form', phone('+864008123456', 'service', '4008123456')],
];

const abroad: Row[] = [
  ['+1 415 555 2671', 'in the United States', phone('+14155552671', 'international', '0014155552671')],
  ['+852 2345 6789', 'in Hong Kong', phone('+85223456789', 'international', '0085223456789')],
  ['00852 2345 6789', 'in Hong Kong with the 00 prefix', phone('+85223456789', 'international', '0085223456789')],
  ['+44 20 7946 0958', 'in London', phone('+442079460958', 'international', '00442079460958')],
];

const extensions: Row[] = [
  ['0571-87010001-8023', 'as a trailing dash group', withExtension(HALL, '8023')],
  ['0571 8701 0001 8023', 'as a trailing space group', withExtension(HALL, '8023')],
  ['0571-87010001转8023', 'after 转', withExtension(HALL, '8023')],
  ['0571-8701 0001 分机 8023', 'after 分机', withExtension(HALL, '8023')],
  ['0571 87010001 ext. 8023', 'after ext.', withExtension(HALL, '8023')],
  ['0571-87010001#8023', 'after #', withExtension(HALL, '8023')],
  ['87010001-8023', 'after a local number', withExtension(HALL, '8023')],
  ['+86 571 87010001-8023', 'after a number in international form', withExtension(HALL, '8023')],
  ['400-812-3456 转 2', 'after a 400 number', phone('+864008123456', 'service', '4008123456', '2')],
  ['13812345678转1', 'after a mobile, when it is spelled out', withExtension(MOBILE, '1')],
];

describe('phone numbers', () => {
  const groups = [
    ['a mobile number', mobiles],
    ['a landline number', landlines],
    ['a service number', services],
    ['a number abroad', abroad],
    ['a number with an extension', extensions],
  ] as const;
  for (const [title, rows] of groups) {
    describe(`normalising ${title}`, () => {
      for (const [input, how, expected] of rows) {
        it(`should give ${expected.e164}${expected.extension ? ` ext ${expected.extension}` : ''} when it is written ${how}: "${input}"`, () => {
          expect(normalizePhone(input, hangzhou)).to.deep.equal(expected);
        });
      }
    });
  }

  it('should return null when the text is not one phone number', () => {
    const rejects = [
      '',
      '   ',
      'abc',
      '138abcd5678',
      '1234',
      '110',
      '138 1234 567',
      '+86 138 1234 567',
      '0571-8701',
      '12345678901',
      '057112345678',
      '13812345678 / 13912345678',
      '0571-87010001 13812345678',
      '13812345678-1',
      '+0571 87010001',
      '1795187010001',
      '转8023',
      '1381234567890123456789012',
    ];
    expect(rejects.map((s) => normalizePhone(s, hangzhou))).to.deep.equal(rejects.map(() => null));
  });

  it('should return null for a local number when the company has no default area code', () => {
    expect([normalizePhone('87010001', noArea), normalizePhone('0571-87010001', noArea)]).to.deep.equal([null, HALL]);
  });

  it('should accept the default area code with or without its trunk 0', () => {
    expect(normalizePhone('87010001', { defaultCountryCode: '86', defaultAreaCode: '0571' })).to.deep.equal(HALL);
  });

  it('should throw when the options name another country or an impossible area code', () => {
    expect(() => normalizePhone('13812345678', { defaultCountryCode: '852' })).to.throw(RangeError, 'country code 86');
    expect(() => normalizePhone('13812345678', { defaultCountryCode: '86', defaultAreaCode: '5712' })).to.throw(RangeError, 'not a Chinese area code');
  });

  describe('search keys', () => {
    it('should give the one E.164 of a full number, ignoring an extension', () => {
      expect(['138 1234 5678', '0571-87010001-8023', '+852 2345 6789'].map((s) => phoneSearchKeys(s, hangzhou))).to.deep.equal([['+8613812345678'], ['+8657187010001'], ['+85223456789']]);
    });

    it('should complete a local number with the default area code when one is set', () => {
      expect([phoneSearchKeys('8701 0001', hangzhou), phoneSearchKeys('8701 0001', noArea)]).to.deep.equal([['+8657187010001'], []]);
    });

    it('should offer the international and the trunk-0 reading when a number starts with 00', () => {
      expect([phoneSearchKeys('0057187010001', hangzhou), phoneSearchKeys('0013812345678', hangzhou), phoneSearchKeys('008613812345678', hangzhou)]).to.deep.equal([
        ['+57187010001', '+8657187010001'],
        ['+13812345678', '+8613812345678'],
        ['+8613812345678'],
      ]);
    });

    it('should give no key when the fragment is not a whole number', () => {
      expect(['1381234', '5678', 'wang'].map((s) => phoneSearchKeys(s, hangzhou))).to.deep.equal([[], [], []]);
    });
  });

  describe('display', () => {
    const shown: [string, string][] = [
      ['+8613812345678', '138 1234 5678'],
      ['+8657187010001', '0571-8701 0001'],
      ['+861087010001', '010-8701 0001'],
      ['+862038765432', '020-3876 5432'],
      ['+867552345678', '0755-234 5678'],
      ['+864008123456', '400-812-3456'],
      ['+8695598', '95598'],
      ['+85223456789', '+85223456789'],
    ];

    it('should write each kind of number the way Chinese users write it when given its E.164', () => {
      expect(shown.map(([e164]) => formatPhoneForDisplay(e164))).to.deep.equal(shown.map(([, display]) => display));
    });

    it('should read back the same E.164 and extension when a displayed number is normalised again', () => {
      const back = shown.map(([e164]) => normalizePhone(formatPhoneForDisplay(e164, '8023'), noArea));
      expect(back.map((p) => p && [p.e164, p.extension])).to.deep.equal(shown.map(([e164]) => [e164, '8023']));
    });

    it('should return the text unchanged when it is not an E.164 number it can read', () => {
      expect(['+8657187010', '0571-87010001', ''].map((s) => formatPhoneForDisplay(s))).to.deep.equal(['+8657187010', '0571-87010001', '']);
    });
  });

  it('should trim typed input and refuse more than 32 characters when parsed as PhoneInput', () => {
    expect(PhoneInput.parse('  138 1234 5678 ')).to.equal('138 1234 5678');
    expect(PhoneInput.safeParse('1'.repeat(33)).success).to.equal(false);
  });
});
