import { expect } from 'chai';
import { maskIdNumber, maskPersonalDataInText, maskPhone } from './masking.ts';

describe('masking personal data', () => {
  it('should keep the first three and last four digits of a mobile number, with or without a country code', () => {
    expect(['13812341234', '+8613812341234', '138 1234 1234'].map(maskPhone)).to.deep.equal(['138****1234', '+86138****1234', '138****1234']);
  });

  it('should mask short and landline numbers down to their last two digits', () => {
    expect(['87010001', '12345', 'not a phone'].map(maskPhone)).to.deep.equal(['87***01', '***45', '****']);
  });

  it('should keep the region prefix and the last four characters of a resident ID', () => {
    expect(maskIdNumber('33010619900101123X')).to.equal('330106********123X');
    expect(maskIdNumber('1234')).to.equal('****');
  });

  it('should mask every phone and ID number inside free text, leaving other numbers alone', () => {
    const text = '客户 13812341234 报修，身份证 33010619900101123X，户号 1000234，另留 +86 139-8765-4321';
    expect(maskPersonalDataInText(text)).to.equal('客户 138****1234 报修，身份证 330106********123X，户号 1000234，另留 +86139****4321');
  });
});
