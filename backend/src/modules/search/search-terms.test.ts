import { expect } from 'chai';
import { addressTerms, compactText, containsFragment, fragmentWords, nameTerms, queryTerms } from './search-terms.ts';

describe('search terms', () => {
  it('should cut a name into its characters and adjacent pairs, once each, when characters repeat', () => {
    expect(nameTerms('王秀英')).to.deep.equal(['王', '秀', '英', '王秀', '秀英']);
    expect(nameTerms('婷婷')).to.deep.equal(['婷', '婷婷']);
  });

  it('should compact full-width letters, case and spaces the same way on both sides when a name is written oddly', () => {
    expect(compactText(' ＡＢＣ 餐饮\u3000有限公司 ')).to.equal('abc餐饮有限公司');
    expect(nameTerms('Ａb 店')).to.deep.equal(['a', 'b', '店', 'ab', 'b店']);
  });

  it('should keep a character outside the BMP whole when it is cut', () => {
    expect(nameTerms('𠀾家')).to.deep.equal(['𠀾', '家', '𠀾家']);
  });

  it('should cut an address into pairs across its parts, without single characters, when it has spaces', () => {
    expect(addressTerms('西湖区 翠苑一区 3幢 502室')).to.deep.equal(['西湖', '湖区', '区翠', '翠苑', '苑一', '一区', '区3', '3幢', '幢5', '50', '02', '2室']);
  });

  it('should look a one-character name fragment up as itself and a longer one by its pairs when searched', () => {
    expect(queryTerms('王', 'name')).to.deep.equal(['王']);
    expect(queryTerms('王 秀英', 'name')).to.deep.equal(['王秀', '秀英']);
  });

  it('should take at most four pairs, the first and the last among them, when the fragment is long', () => {
    expect(queryTerms('杭州知味餐饮管理有限公司', 'name')).to.deep.equal(['杭州', '味餐', '理有', '公司']);
  });

  it('should cut each word of an address fragment alone and give nothing when every word is one character', () => {
    expect(fragmentWords('翠苑  502室', 'address')).to.deep.equal(['翠苑', '502室']);
    expect(queryTerms('翠苑 502室', 'address')).to.deep.equal(['翠苑', '50', '02', '2室']);
    expect(queryTerms('翠 5', 'address')).to.deep.equal([]);
  });

  it('should confirm a candidate only when it contains every word, so shared pairs alone never match', () => {
    expect(containsFragment('王秀秀英', fragmentWords('王秀英', 'name'))).to.equal(false);
    expect(containsFragment('西湖区 翠苑一区 3幢 502室', fragmentWords('502室 翠苑一区3幢', 'address'))).to.equal(true);
  });
});
