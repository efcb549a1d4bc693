import { expect } from 'chai';
import { normalizePhone, residentIdValid } from '@gasdesk/schema';
import { createDemoPeople, type DemoAddress, type DemoBusiness, type DemoPeople, type DemoPerson, type DemoPhone } from './demo-people.ts';

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, k) => from + k);

/** GB 32100 check of the whole code and GB 11714 check of the organisation code inside it. */
function creditCodeValid(code: string): boolean {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = weights.reduce((acc, w, k) => acc + w * chars.indexOf(code[k]!), 0);
  if (chars[(31 - (sum % 31)) % 31] !== code[17]) return false;
  const org = code.slice(8, 17);
  const orgSum = [3, 7, 9, 10, 5, 8, 4, 2].reduce((acc, w, k) => acc + w * parseInt(org[k]!, 36), 0);
  const orgCheck = 11 - (orgSum % 11);
  return org[8] === (orgCheck === 10 ? 'X' : orgCheck === 11 ? '0' : String(orgCheck));
}

function ageOn(asOf: string, birthDate: string): number {
  const years = Number(asOf.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return asOf.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

function countBy<T>(items: T[], keyOf: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return counts;
}

const everything = (p: DemoPeople, indices: number[]) => indices.map((i) => ({ person: p.person(i), address: p.address(i), business: p.business(i), phones: p.phones(i) }));

describe('demo people', () => {
  const demo = createDemoPeople(2026);
  let people: DemoPerson[];
  before(() => {
    people = range(0, 10_000).map((i) => demo.person(i));
  });

  describe('determinism', () => {
    it('should produce the same records when created twice with the same seed, in any call order', () => {
      const indices = [...range(0, 200), 999_999, 1_500_000];
      expect(everything(createDemoPeople(2026), [...indices].reverse()).reverse()).to.deep.equal(everything(demo, indices));
    });

    it('should produce different people when the seed differs', () => {
      const other = createDemoPeople(2027);
      const same = range(0, 200).filter((i) => JSON.stringify(other.person(i)) === JSON.stringify(demo.person(i)));
      expect(same).to.deep.equal([]);
    });

    it('should keep producing the records released demo data was built from when nothing is meant to change', () => {
      const fixed = createDemoPeople(42);
      expect(everything(fixed, [0, 1])).to.deep.equal([
        {
          person: { name: '何梦瑶', gender: 'F', birthDate: '1989-07-09', idNumber: '330108198907093129', mobile: '13812770075' },
          address: { district: '滨江区', community: '长河新苑', building: '11幢', unit: '3单元', room: '1202室', street: '长河路', serviceArea: 'BJ-02' },
          business: { name: '杭州悦丰茶楼有限公司', category: 'commercial', licenseNumber: '9133010895200798XH', phone: '0571-89573966' },
          phones: [{ number: '13812770075', label: 'mobile', contactName: null, relation: null }],
        },
        {
          person: { name: '张昊凯', gender: 'M', birthDate: '1995-12-12', idNumber: '330104199512120013', mobile: '17344093357' },
          address: { district: '余杭区', community: '仁和雅苑', building: '30幢', unit: '2单元', room: '1001室', street: '仁和大道', serviceArea: 'YH-04' },
          business: { name: '杭州宁安洗涤服务有限公司', category: 'commercial', licenseNumber: '913301107673810805', phone: '0571-83905936' },
          phones: [
            { number: '17344093357', label: 'mobile', contactName: null, relation: null },
            { number: '15526375397', label: 'mobile', contactName: '杜梦琪', relation: '配偶' },
          ],
        },
      ]);
    });
  });

  describe('people', () => {
    it('should give resident IDs the registry accepts that carry the birth date, a Zhejiang region and the gender when 10,000 are checked', () => {
      const faults = people.filter(
        (p) =>
          !residentIdValid(p.idNumber) ||
          !p.idNumber.startsWith('33') ||
          p.idNumber.slice(6, 14) !== p.birthDate.replaceAll('-', '') ||
          Number(p.idNumber[16]) % 2 !== (p.gender === 'M' ? 1 : 0),
      );
      expect(faults).to.deep.equal([]);
    });

    it('should give everyone an age from 20 to 85 on the asOf date, spread over that range', () => {
      const ages = people.map((p) => ageOn('2026-01-01', p.birthDate));
      expect([Math.min(...ages) >= 20, Math.max(...ages) <= 85, ages.some((a) => a < 25), ages.some((a) => a >= 80)]).to.deep.equal([true, true, true, true]);
      const later = createDemoPeople(2026, { asOf: '2030-06-15' }).person(0);
      expect(ageOn('2030-06-15', later.birthDate)).to.be.within(20, 85);
    });

    it('should give distinct resident IDs when 200,000 people are generated', () => {
      const ids = new Set(range(0, 200_000).map((i) => demo.person(i).idNumber));
      expect(ids.size).to.equal(200_000);
    });

    it('should give distinct 11-digit mobiles with real carrier prefixes', () => {
      const bad = people.filter((p) => !/^1(3\d|5[0-35-9]|7[0135-8]|8\d|9[89])\d{8}$/.test(p.mobile));
      expect([bad, new Set(people.map((p) => p.mobile)).size]).to.deep.equal([[], people.length]);
    });

    it('should rank 王, 李 and 张 as the most frequent surnames and still produce two-character ones', () => {
      const bySurname = countBy(people, (p) => p.name[0]!);
      const top3 = [...bySurname.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([s]) => s);
      expect([...top3].sort()).to.deep.equal(['张', '李', '王']);
      const compound = range(0, 50_000).filter((i) => /^(欧阳|上官|司马|诸葛|司徒)/.test(demo.person(i).name));
      expect(compound.length).to.be.within(10, 200);
    });

    it('should give names of two to four characters, mostly different ones, and about as many women as men', () => {
      expect(people.filter((p) => !/^[\u4e00-\u9fff]{2,4}$/.test(p.name))).to.deep.equal([]);
      expect(new Set(people.map((p) => p.name)).size / people.length).to.be.above(0.7);
      const men = people.filter((p) => p.gender === 'M').length / people.length;
      expect(men).to.be.within(0.47, 0.53);
    });

    it('should refuse an index that is not a non-negative integer and an asOf that is not a date', () => {
      expect(() => demo.person(-1)).to.throw(RangeError);
      expect(() => demo.address(1.5)).to.throw(RangeError);
      expect(() => createDemoPeople(1, { asOf: '1/1/2026' })).to.throw(RangeError);
    });
  });

  describe('addresses', () => {
    let addresses: DemoAddress[];
    before(() => {
      addresses = range(0, 10_000).map((i) => demo.address(i));
    });

    it('should give each of 10,000 customers a flat of its own in buildings, units and rooms of realistic range', () => {
      const full = new Set(addresses.map((a) => [a.district, a.community, a.building, a.unit, a.room].join(' ')));
      const outOfRange = addresses.filter((a) => {
        const building = Number(a.building.replace('幢', ''));
        const unit = Number(a.unit.replace('单元', ''));
        const room = /^([1-9]|1[0-8])(0[1-4])室$/.exec(a.room);
        return !(building >= 1 && building <= 30 && unit >= 1 && unit <= 4 && room);
      });
      expect([full.size, outOfRange]).to.deep.equal([10_000, []]);
    });

    it('should fix every community to one district, road and service area', () => {
      const places = countBy(addresses, (a) => `${a.community}|${a.district}|${a.street}|${a.serviceArea}`);
      const communities = new Set([...places.keys()].map((k) => k.split('|')[0]));
      expect(communities.size).to.equal(places.size);
      expect(communities.size).to.be.at.least(60);
      expect(new Set(addresses.map((a) => a.district))).to.deep.equal(new Set(['上城区', '拱墅区', '西湖区', '滨江区', '萧山区', '余杭区', '临平区', '钱塘区']));
      expect(addresses.filter((a) => !/^(SC|GS|XH|BJ|XS|YH|LP|QT)-0[1-4]$/.test(a.serviceArea))).to.deep.equal([]);
    });

    it('should put many households in each community, so room numbers repeat across buildings', () => {
      const perCommunity = [...countBy(addresses, (a) => a.community).values()];
      const rooms = countBy(addresses, (a) => a.room);
      expect(Math.max(...perCommunity)).to.be.at.least(40);
      expect(rooms.size).to.be.below(300);
      expect(rooms.get('502室')).to.be.at.least(20);
    });

    it('should hold a million customers in distinct flats and move later ones to a second phase', () => {
      expect(demo.addressCapacity).to.be.at.least(1_000_000);
      const first = demo.address(7);
      expect(demo.address(demo.addressCapacity + 7)).to.deep.equal({ ...first, community: `${first.community}二期` });
    });
  });

  describe('phones', () => {
    let customers: { i: number; phones: DemoPhone[] }[];
    before(() => {
      customers = range(0, 100_000).map((i) => ({ i, phones: demo.phones(i) }));
    });

    it('should let about one customer in 40 share a number with another customer', () => {
      const holders = new Map<string, Set<number>>();
      for (const { i, phones } of customers) for (const p of phones) holders.set(p.number, (holders.get(p.number) ?? new Set()).add(i));
      const sharing = new Set([...holders.values()].filter((s) => s.size > 1).flatMap((s) => [...s]));
      expect(sharing.size / customers.length).to.be.within(1 / 50, 1 / 32);
      expect(demo.sharedPhoneEvery).to.equal(40);
    });

    it("should list the lender's own mobile and name when a customer borrows a phone", () => {
      const borrowers = customers.filter(({ i }) => demo.phoneSharedWith(i) !== null).slice(0, 50);
      const wrong = borrowers.filter(({ i, phones }) => {
        const lender = demo.person(demo.phoneSharedWith(i)!);
        return phones[0]!.number !== lender.mobile || phones[0]!.contactName !== lender.name || !['房东', '亲属'].includes(phones[0]!.relation!);
      });
      expect([borrowers.length, wrong]).to.deep.equal([50, []]);
    });

    it('should give about one customer in 8 a second phone: a home landline or a named relative', () => {
      const seconds = customers.flatMap(({ phones }) => phones.slice(1));
      expect(seconds.length / customers.length).to.be.within(0.11, 0.14);
      const odd = seconds.filter((p) =>
        p.label === 'home'
          ? !(/^0571-8[1-9]\d{6}$/.test(p.number) && p.contactName === null && p.relation === null)
          : !(/^1\d{10}$/.test(p.number) && /^[\u4e00-\u9fff]{2,4}$/.test(p.contactName ?? '') && ['儿子', '女儿', '儿媳', '女婿', '孙子', '孙女', '配偶', '父亲', '母亲'].includes(p.relation ?? '')),
      );
      expect(odd).to.deep.equal([]);
      expect(new Set(seconds.map((p) => p.label))).to.deep.equal(new Set(['home', 'mobile']));
    });

    it('should only produce numbers the registry normalises to a mobile or a Hangzhou landline', () => {
      const hangzhou = { defaultCountryCode: '86', defaultAreaCode: '571' };
      const numbers = customers.slice(0, 20_000).flatMap(({ phones }) => phones.map((p) => p.number));
      const kinds = countBy(numbers, (n) => normalizePhone(n, hangzhou)?.kind ?? 'rejected');
      expect([...kinds.keys()].sort()).to.deep.equal(['landline', 'mobile']);
    });
  });

  describe('businesses', () => {
    let businesses: DemoBusiness[];
    before(() => {
      businesses = range(0, 10_000).map((i) => demo.business(i));
    });

    it('should accept real credit codes when the test oracle checks them', () => {
      expect(['91350200776049653A', '9135021359498494XQ', '913502115628130384', '91350200776049653B'].map(creditCodeValid)).to.deep.equal([true, true, true, false]);
    });

    it('should give distinct, valid credit codes and Hangzhou landlines to 10,000 businesses', () => {
      const bad = businesses.filter((b) => !creditCodeValid(b.licenseNumber) || !/^0571-8[1-9]\d{6}$/.test(b.phone));
      expect([bad, new Set(businesses.map((b) => b.licenseNumber)).size]).to.deep.equal([[], businesses.length]);
    });

    it('should mostly be commercial, and name each category the way such customers are named', () => {
      const byCategory = countBy(businesses, (b) => b.category);
      expect(byCategory.get('commercial')! / businesses.length).to.be.within(0.75, 0.85);
      expect(byCategory.get('industrial')! / businesses.length).to.be.within(0.09, 0.15);
      expect(byCategory.get('public_welfare')! / businesses.length).to.be.within(0.05, 0.11);
      const misnamed = businesses.filter(
        (b) =>
          !{
            commercial: /(有限公司|店|馆|铺)$/,
            industrial: /^(浙江|杭州).+有限公司$/,
            public_welfare: /(小学|中学|实验学校|幼儿园|社区卫生服务中心|社会福利院|养老服务中心)$/,
          }[b.category].test(b.name),
      );
      expect(misnamed).to.deep.equal([]);
      expect(new Set(businesses.map((b) => b.name)).size / businesses.length).to.be.above(0.75);
    });
  });

  it('should generate 200,000 people in well under three seconds', () => {
    const started = performance.now();
    for (let i = 0; i < 200_000; i++) demo.person(i);
    const ms = performance.now() - started;
    console.log(`      demo people: ${Math.round(200_000 / (ms / 1000)).toLocaleString('en')} person() calls per second`);
    expect(ms).to.be.below(3000);
  });
});
