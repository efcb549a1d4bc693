/**
 * Believable Hangzhou people, businesses, addresses and phones for the demo seed and the
 * 1,000,000-customer benchmark.
 *
 * Every record is a pure function of (seed, index): any index can be produced alone, in any order,
 * on any worker, and comes out the same every time. Nothing reads the clock or Math.random.
 *
 * Values the registry keeps unique come from keyed permutations of the index rather than from
 * random draws, so they never collide by chance: resident ID numbers below `personCapacity`
 * (about 257 million), premises below `addressCapacity` (about 1.2 million flats), mobiles below
 * 1.9 billion, landlines below 4.5 million and credit codes below 100 million indices.
 */

export type Gender = 'M' | 'F';
export type BusinessCategory = 'commercial' | 'industrial' | 'public_welfare';

export interface DemoPerson {
  /** Surname + one or two given characters: 王秀英, 陈浩然, 欧阳子轩. */
  name: string;
  gender: Gender;
  /** YYYY-MM-DD; the person is 20 to 85 years old on `asOf`. */
  birthDate: string;
  /** 18-character resident ID: Zhejiang region code, birth date, sequence (odd for men), MOD 11-2 check. */
  idNumber: string;
  /** The person's own mobile, 11 digits. */
  mobile: string;
}

export interface DemoBusiness {
  /** 杭州知味餐饮有限公司, 西湖区文新街道社区卫生服务中心, 浙江华强纺织有限公司, 杭州市学院路小学. */
  name: string;
  category: BusinessCategory;
  /** 18-character unified social credit code with valid organisation-code and GB 32100 check characters. */
  licenseNumber: string;
  /** A Hangzhou landline: `0571-87654321`. */
  phone: string;
}

export interface DemoAddress {
  /** One of the eight urban districts of Hangzhou. */
  district: string;
  /** The residential community (小区), always in the same district. */
  community: string;
  /** `3幢` */
  building: string;
  /** `2单元` */
  unit: string;
  /** Floor and door: `502室`, `1803室`. */
  room: string;
  /** The road the community is on. */
  street: string;
  /** Dispatch area of the community's group inside its district: `XH-03`. */
  serviceArea: string;
}

/** One phone of a customer, shaped like the registry's phone entry. */
export interface DemoPhone {
  number: string;
  label: 'mobile' | 'home';
  /** Set when the phone belongs to someone else: a relative, a landlord. */
  contactName: string | null;
  /** 儿子, 女儿, 配偶, 房东 … */
  relation: string | null;
}

export interface DemoPeopleOptions {
  /** The day ages are counted on (default `2026-01-01`); fixed, so output never changes with the clock. */
  asOf?: string;
}

export interface DemoPeople {
  readonly seed: number;
  /**
   * About one customer in this many has a phone number that another customer also has: one in
   * twice this many borrows, as a contact phone, the own mobile of one of the five customers
   * before it (a landlord letting several flats, a son registered on his parents' account), and
   * the lender keeps it as its own. See {@link DemoPeople.phoneSharedWith}.
   */
  readonly sharedPhoneEvery: number;
  /**
   * About one customer in this many has a second phone: a home landline, or a relative's mobile
   * with the relative's name and relation (older customers list a child, middle-aged ones a
   * spouse, young ones a parent).
   */
  readonly secondPhoneEvery: number;
  /** Indices below this get distinct resident ID numbers (later ones repeat earlier ones). */
  readonly personCapacity: number;
  /** Indices below this get distinct flats; later ones live in 二期, 三期 … of the same communities. */
  readonly addressCapacity: number;
  /** A person for a customer index. */
  person(i: number): DemoPerson;
  /** A non-residential customer, named after the district and road of `address(i)`: use the same index for both. */
  business(i: number): DemoBusiness;
  /** A flat in a Hangzhou residential community. */
  address(i: number): DemoAddress;
  /** The phones to register for customer i, primary first (use these rather than `person(i).mobile`). */
  phones(i: number): DemoPhone[];
  /** The customer whose mobile customer i lists as its primary phone, or null when i lists its own. */
  phoneSharedWith(i: number): number | null;
}

// ---------------------------------------------------------------------------------------------
// Randomness: a hash to derive a key per (seed, stream, index), mulberry32 to draw from it, and a
// Feistel permutation where values must stay distinct.

const GOLDEN = 0x9e3779b9;

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  return fmix(h);
}

export function keyOf(seed: number, stream: number, i: number): number {
  return fmix(fmix(fmix(seed ^ Math.imul(stream, GOLDEN)) ^ i) ^ Math.floor(i / 0x100000000));
}

/** mulberry32: 32 bits of state is plenty for the handful of draws one record needs (the demo readings draw from it too). */
export class Rng {
  private state: number;

  constructor(key: number) {
    this.state = key | 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/**
 * A keyed bijection of [0, size) for size ≤ 2^32: an unbalanced Feistel network on the smallest
 * power of two that covers size, re-applied until the value falls inside (cycle walking).
 */
function permutation(size: number, key: number): (i: number) => number {
  let bits = 1;
  while (2 ** bits < size) bits++;
  const leftSize = 2 ** Math.ceil(bits / 2);
  const rightSize = 2 ** bits / leftSize;
  // An even number of rounds puts the halves back in their original widths.
  const roundKeys = [1, 2, 3, 4, 5, 6].map((r) => fmix(key ^ Math.imul(r, GOLDEN)));
  return (i) => {
    let x = i % size;
    do {
      let l = Math.floor(x / rightSize);
      let r = x % rightSize;
      for (let k = 0; k < roundKeys.length; k++) {
        const t = l ^ (fmix(r ^ roundKeys[k]!) % (k % 2 === 0 ? leftSize : rightSize));
        l = r;
        r = t;
      }
      x = l * rightSize + r;
    } while (x >= size);
    return x;
  };
}

/** A lookup table turning one uniform draw into a weighted choice in constant time. */
function weightedTable(weights: readonly number[]): Uint16Array {
  const table = new Uint16Array(weights.reduce((a, b) => a + b, 0));
  let at = 0;
  weights.forEach((w, index) => table.fill(index, at, (at += w)));
  return table;
}

function firstAtOrAbove(cumulative: Float64Array, value: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! > value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------
// Names

/** Approximate shares per 10,000 people after the national surname ranking of 2020; Zhejiang favourites (俞 楼 应 章) added. */
const SURNAMES: readonly [string, number][] = [
  ['王', 712], ['李', 700], ['张', 674], ['刘', 533], ['陈', 461], ['杨', 322], ['黄', 245], ['赵', 223], ['吴', 205], ['周', 190],
  ['徐', 145], ['孙', 138], ['马', 129], ['朱', 128], ['胡', 116], ['郭', 113], ['何', 106], ['林', 102], ['高', 100], ['罗', 86],
  ['郑', 78], ['梁', 71], ['谢', 65], ['宋', 60], ['唐', 59], ['许', 56], ['韩', 53], ['冯', 52], ['邓', 52], ['曹', 49],
  ['彭', 47], ['曾', 45], ['肖', 44], ['田', 43], ['董', 42], ['袁', 40], ['潘', 40], ['于', 39], ['蒋', 39], ['蔡', 38],
  ['余', 38], ['杜', 37], ['叶', 37], ['程', 36], ['苏', 35], ['魏', 35], ['吕', 34], ['丁', 33], ['任', 32], ['沈', 31],
  ['姚', 30], ['卢', 29], ['姜', 29], ['崔', 28], ['钟', 28], ['谭', 27], ['陆', 26], ['汪', 25], ['范', 25], ['金', 24],
  ['石', 23], ['廖', 23], ['贾', 22], ['夏', 22], ['韦', 21], ['付', 21], ['方', 20], ['白', 20], ['邹', 20], ['孟', 19],
  ['熊', 19], ['秦', 18], ['邱', 18], ['江', 17], ['尹', 17], ['薛', 17], ['闫', 16], ['段', 16], ['雷', 15], ['侯', 15],
  ['龙', 15], ['史', 15], ['陶', 14], ['黎', 14], ['贺', 14], ['顾', 13], ['毛', 13], ['郝', 13], ['龚', 13], ['邵', 12],
  ['万', 12], ['钱', 12], ['严', 11], ['武', 11], ['戴', 11], ['莫', 10], ['孔', 10], ['向', 10], ['汤', 10], ['俞', 9],
  ['章', 8], ['楼', 6], ['应', 6], ['欧阳', 3], ['上官', 1], ['司马', 1], ['诸葛', 1], ['司徒', 1],
];
const SURNAME_TABLE = weightedTable(SURNAMES.map(([, w]) => w));

interface NamePool {
  /** Whole given names people of that generation were commonly given. */
  whole: readonly string[];
  /** Characters to compose from, so that not every name is a cliché. */
  chars: readonly string[];
}

/** Given names by gender and generation: `older` for people born before 1960, `younger` after 1990, mixed in between. */
const GIVEN: Record<Gender, { older: NamePool; younger: NamePool }> = {
  M: {
    older: {
      whole: ['建国', '建华', '国强', '志明', '永康', '金根', '水根', '德明', '建平', '卫东', '爱国', '荣华', '庆丰', '志刚', '建军', '伟民', '国庆', '明华', '海林', '宝林', '建明', '正华', '福根', '文斌'],
      chars: ['建', '国', '华', '明', '伟', '军', '平', '强', '林', '勇', '德', '福', '荣', '根', '兴', '海', '志', '忠', '文', '永', '金', '洪', '庆', '新', '宝', '祥', '生', '斌'],
    },
    younger: {
      whole: ['浩然', '子轩', '宇航', '俊杰', '梓豪', '博文', '一鸣', '天宇', '晨阳', '浩宇', '思远', '嘉豪', '泽宇', '鹏飞', '志远', '家豪', '明轩', '皓轩', '宇轩', '伟杰', '文博', '睿哲', '铭泽', '奕辰'],
      chars: ['伟', '浩', '杰', '宇', '轩', '涛', '磊', '鹏', '俊', '凯', '博', '晨', '阳', '帆', '睿', '哲', '宸', '昊', '鑫', '斌', '超', '峰', '辉', '健', '亮', '泽', '逸', '翔'],
    },
  },
  F: {
    older: {
      whole: ['秀英', '桂英', '玉兰', '秀兰', '凤英', '美华', '丽华', '桂芳', '淑珍', '月英', '彩凤', '金凤', '素珍', '秀珍', '美娟', '丽娟', '雪芳', '红梅', '爱华', '玉梅', '建英', '亚萍', '菊芬', '杏娟'],
      chars: ['秀', '英', '兰', '芳', '珍', '玉', '桂', '凤', '华', '红', '萍', '美', '丽', '琴', '霞', '梅', '娟', '月', '莲', '淑', '彩', '爱', '云', '芬'],
    },
    younger: {
      whole: ['欣怡', '梓涵', '诗涵', '雨萱', '佳怡', '思琪', '可馨', '子涵', '梦瑶', '雨桐', '婷婷', '佳琪', '静怡', '晓雯', '欣妍', '一诺', '梦琪', '思雨', '雅琪', '若曦', '心怡', '雨欣', '晓燕', '丽娜'],
      chars: ['婷', '静', '敏', '丽', '娜', '燕', '艳', '雪', '佳', '欣', '怡', '颖', '琳', '倩', '悦', '雯', '思', '梦', '诗', '晓', '雨', '涵', '萱', '嘉', '馨', '琪', '蕾', '洁', '丹'],
    },
  },
};

function surnameOf(rng: Rng): string {
  return SURNAMES[SURNAME_TABLE[rng.int(SURNAME_TABLE.length)]!]![0];
}

function givenName(rng: Rng, gender: Gender, birthYear: number): string {
  // Names drift from 建国/秀英 to 子轩/欣怡 across the generations born 1960–1990.
  const pool = rng.chance((1990 - birthYear) / 30) ? GIVEN[gender].older : GIVEN[gender].younger;
  const style = rng.next();
  if (style < 0.4) return rng.pick(pool.whole);
  const first = rng.pick(pool.chars);
  if (style < 0.6) return first;
  let second = rng.pick(pool.chars);
  if (second === first) second = pool.chars[(pool.chars.indexOf(first) + 1) % pool.chars.length]!;
  return first + second;
}

// ---------------------------------------------------------------------------------------------
// Resident ID numbers (GB 11643)

/** Region codes of Zhejiang IDs, most of them Hangzhou's, old ones (下城 江干) included because IDs keep them. */
const ID_REGIONS = [
  '330102', '330103', '330104', '330105', '330106', '330108', '330109', '330110',
  '330111', '330112', '330122', '330182', '330203', '330302', '330602', '330702',
] as const;
/** Sequence numbers per region, day and gender: three digits, odd for men, even for women. */
const SEQUENCES_PER_GENDER = 500;
const ID_SLOTS_PER_DAY = ID_REGIONS.length * SEQUENCES_PER_GENDER * 2;
/** Relative number of account holders by age band (lower bound of each five years); home owners skew middle-aged. */
const AGE_WEIGHTS: readonly [number, number][] = [
  [20, 2], [25, 4], [30, 7], [35, 8], [40, 8], [45, 9], [50, 10], [55, 10], [60, 9], [65, 8], [70, 6], [75, 4], [80, 2.5],
];
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

function residentIdCheck(first17: string): string {
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += (first17.charCodeAt(k) - 48) * ID_WEIGHTS[k]!;
  return ID_CHECK[sum % 11]!;
}

interface BirthDays {
  /** YYYY-MM-DD per day, oldest first. */
  labels: string[];
  years: Int16Array;
  /** Running total of ID slots up to and including each day. */
  cumulative: Float64Array;
}

/** The days a person 20–85 years old on asOf can be born on, each given ID slots in proportion to its age band. */
function birthDays(asOf: string): BirthDays {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]) - 1, Number(m[3])] : [NaN, NaN, NaN];
  const DAY = 86_400_000;
  if (!m || new Date(Date.UTC(y, mo, d)).toISOString().slice(0, 10) !== asOf) throw new RangeError(`asOf must be a date written YYYY-MM-DD, not "${asOf}"`);
  const first = Date.UTC(y - 86, mo, d) / DAY + 1;
  const last = Date.UTC(y - 20, mo, d) / DAY;
  const count = last - first + 1;
  const labels: string[] = new Array<string>(count);
  const years = new Int16Array(count);
  const cumulative = new Float64Array(count);
  const maxWeight = Math.max(...AGE_WEIGHTS.map(([, w]) => w));
  let total = 0;
  for (let k = 0; k < count; k++) {
    const date = new Date((first + k) * DAY);
    labels[k] = date.toISOString().slice(0, 10);
    years[k] = date.getUTCFullYear();
    const age = y - years[k]! - (date.getUTCMonth() > mo || (date.getUTCMonth() === mo && date.getUTCDate() > d) ? 1 : 0);
    const weight = AGE_WEIGHTS.findLast(([from]) => age >= from)![1];
    total += Math.round((ID_SLOTS_PER_DAY * weight) / maxWeight);
    cumulative[k] = total;
  }
  return { labels, years, cumulative };
}

// ---------------------------------------------------------------------------------------------
// Phones

/** Mobile prefixes in use by the three carriers (154 was never issued; 174 is satellite). */
const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139',
  '150', '151', '152', '153', '155', '156', '157', '158', '159',
  '170', '171', '173', '175', '176', '177', '178',
  '180', '181', '182', '183', '184', '185', '186', '187', '188', '189',
  '198', '199',
] as const;
const MOBILE_SPACE = MOBILE_PREFIXES.length * 1e8;
/** Hangzhou landlines used here: 8, then 1–9, then six digits. */
const LANDLINE_SPACE = 9e6;

const RELATIONS_BY_AGE: readonly [number, readonly [string, Gender | null][]][] = [
  [60, [['儿子', 'M'], ['女儿', 'F'], ['儿子', 'M'], ['女儿', 'F'], ['儿媳', 'F'], ['女婿', 'M'], ['孙子', 'M'], ['孙女', 'F']]],
  [35, [['配偶', null], ['配偶', null], ['儿子', 'M'], ['女儿', 'F'], ['父亲', 'M'], ['母亲', 'F']]],
  [0, [['父亲', 'M'], ['母亲', 'F'], ['配偶', null]]],
];

// ---------------------------------------------------------------------------------------------
// Places

interface District {
  name: string;
  /** Prefix of its service-area codes. */
  code: string;
  /** Administrative division code, used in credit codes of organisations registered there. */
  division: string;
  /** [街道, a main road in it, service-area group]; each also names a few communities (九堡家苑, 采荷新村). */
  subdistricts: readonly [string, string, number][];
  /** [community, road, service-area group]: well-known ones, listed before those named after subdistricts. */
  communities: readonly [string, string, number][];
}

const DISTRICTS: readonly District[] = [
  {
    name: '上城区', code: 'SC', division: '330102',
    subdistricts: [
      ['湖滨', '东坡路', 2], ['清波', '南山路', 2], ['小营', '建国中路', 2], ['南星', '复兴路', 2], ['紫阳', '中山南路', 2], ['望江', '望江路', 2],
      ['凯旋', '凯旋路', 1], ['采荷', '采荷路', 1], ['闸弄口', '天城路', 1], ['四季青', '钱江路', 4], ['笕桥', '机场路', 4], ['彭埠', '艮山东路', 4],
      ['丁兰', '大农港路', 3], ['九堡', '九堡大道', 3],
    ],
    communities: [
      ['采荷新村', '采荷路', 1], ['景芳三区', '景芳路', 1], ['三里亭苑', '三里亭路', 1], ['凯旋新村', '凯旋路', 1],
      ['望江家园', '望江路', 2], ['近江家园', '婺江路', 2], ['南星嘉苑', '复兴路', 2], ['紫阳小区', '紫阳街', 2],
      ['九堡家苑', '九环路', 3], ['九堡花园', '九堡大道', 3], ['丁桥景苑', '大农港路', 3], ['丁兰嘉园', '丁兰路', 3],
      ['笕桥花园', '机场路', 4], ['四季青苑', '钱江路', 4],
    ],
  },
  {
    name: '拱墅区', code: 'GS', division: '330105',
    subdistricts: [
      ['米市巷', '环城北路', 1], ['湖墅', '湖墅南路', 1], ['小河', '小河路', 1], ['和睦', '和睦路', 1], ['拱宸桥', '桥弄街', 1], ['大关', '大关路', 1],
      ['武林', '武林路', 2], ['天水', '体育场路', 2], ['朝晖', '朝晖路', 2], ['潮鸣', '建国北路', 2], ['长庆', '长庆街', 2], ['文晖', '文晖路', 2],
      ['上塘', '上塘路', 3], ['祥符', '祥园路', 3], ['康桥', '康桥路', 3], ['半山', '半山路', 3], ['东新', '东新路', 4], ['石桥', '石桥路', 4],
    ],
    communities: [
      ['大关西苑', '大关路', 1], ['和睦新村', '和睦路', 1], ['德胜新村', '德胜路', 1], ['小河佳苑', '小河路', 1],
      ['朝晖一区', '朝晖路', 2], ['朝晖五区', '朝晖路', 2], ['潮鸣苑', '建国北路', 2], ['文晖花园', '文晖路', 2],
      ['蔡马人家', '上塘路', 3], ['左家新村', '莫干山路', 3], ['祥符家园', '祥园路', 3], ['半山嘉苑', '半山路', 3],
      ['东新园', '东新路', 4], ['石桥花园', '石桥路', 4],
    ],
  },
  {
    name: '西湖区', code: 'XH', division: '330106',
    subdistricts: [
      ['北山', '北山路', 1], ['翠苑', '文三路', 1], ['古荡', '文二路', 1], ['西溪', '天目山路', 2], ['文新', '文二西路', 2],
      ['蒋村', '余杭塘路', 3], ['三墩', '墩余路', 3], ['灵隐', '灵隐路', 4], ['西湖', '龙井路', 4], ['留下', '留和路', 4], ['转塘', '之江路', 4],
    ],
    communities: [
      ['翠苑一区', '文三路', 1], ['翠苑二区', '文三路', 1], ['翠苑三区', '学院路', 1], ['古荡新村', '文二路', 1],
      ['文鼎苑', '古墩路', 2], ['嘉绿苑', '文二西路', 2], ['益乐新村', '益乐路', 2], ['星洲花园', '文二西路', 2],
      ['蒋村花园', '余杭塘路', 3], ['金色家园', '紫金港路', 3], ['三墩锦园', '墩余路', 3], ['西溪花园', '天目山路', 3],
      ['留下新苑', '留和路', 4], ['转塘嘉苑', '之江路', 4],
    ],
  },
  {
    name: '滨江区', code: 'BJ', division: '330108',
    subdistricts: [['西兴', '江陵路', 1], ['长河', '长河路', 2], ['浦沿', '浦沿路', 3]],
    communities: [
      ['缤纷北苑', '江汉路', 1], ['彩虹城', '江陵路', 1], ['江南之星', '滨盛路', 1], ['闻涛苑', '闻涛路', 1],
      ['江南春城', '滨和路', 2], ['长河苑', '长河路', 2], ['东方郡', '滨康路', 2], ['钱江湾花园', '江南大道', 2],
      ['浦沿新村', '浦沿路', 3], ['冠山小区', '冠山路', 3], ['东冠家园', '东冠路', 3], ['星耀家园', '东信大道', 3],
    ],
  },
  {
    name: '萧山区', code: 'XS', division: '330109',
    subdistricts: [
      ['城厢', '人民路', 1], ['蜀山', '蜀山路', 1], ['北干', '金城路', 2], ['新塘', '新塘路', 2],
      ['宁围', '宁税路', 3], ['盈丰', '丰二路', 3], ['新街', '新街大道', 4], ['闻堰', '湘湖路', 4],
    ],
    communities: [
      ['城厢新村', '人民路', 1], ['湖滨花园', '西河路', 1], ['育才新村', '育才路', 1], ['江寺小区', '江寺路', 1],
      ['北干一苑', '金城路', 2], ['金色钱塘', '市心北路', 2], ['山阴花园', '山阴路', 2], ['北干家园', '永久路', 2],
      ['宁围新苑', '宁税路', 3], ['盈丰家园', '丰二路', 3], ['世纪花园', '市心北路', 3],
      ['闻堰嘉苑', '湘湖路', 4], ['新街花园', '新街大道', 4],
    ],
  },
  {
    name: '余杭区', code: 'YH', division: '330110',
    subdistricts: [
      ['五常', '五常大道', 1], ['仓前', '仓兴街', 1], ['闲林', '闲林路', 2], ['中泰', '中泰路', 2],
      ['良渚', '良渚大道', 3], ['瓶窑', '瓶窑路', 3], ['余杭', '禹航路', 4], ['仁和', '仁和大道', 4],
    ],
    communities: [
      ['五常新苑', '五常大道', 1], ['海创家园', '文一西路', 1], ['仓前嘉苑', '仓兴街', 1], ['西溪诚园', '荆长路', 1],
      ['闲林山水', '闲兴路', 2], ['闲林花园', '闲林路', 2],
      ['玉鸟苑', '良渚大道', 3], ['良渚家园', '好运街', 3], ['瓶窑新苑', '瓶窑路', 3],
      ['禹航新村', '禹航路', 4], ['仁和花园', '仁和大道', 4],
    ],
  },
  {
    name: '临平区', code: 'LP', division: '330113',
    subdistricts: [
      ['临平', '人民大道', 1], ['南苑', '迎宾路', 2], ['东湖', '东湖路', 2], ['星桥', '星桥北路', 3],
      ['乔司', '乔司大街', 3], ['运河', '运河路', 4], ['崇贤', '崇杭街', 4], ['塘栖', '广济路', 4],
    ],
    communities: [
      ['临平新城家园', '人民大道', 1], ['北大街小区', '北大街', 1], ['藕花洲苑', '藕花洲大街', 1],
      ['南苑新村', '迎宾路', 2], ['东湖花园', '东湖路', 2], ['星河花园', '星光街', 2],
      ['星桥家园', '星桥北路', 3], ['乔司新苑', '乔司大街', 3],
      ['塘栖花园', '广济路', 4], ['崇贤家园', '崇杭街', 4],
    ],
  },
  {
    name: '钱塘区', code: 'QT', division: '330114',
    subdistricts: [
      ['下沙', '下沙路', 1], ['白杨', '白杨街', 2], ['河庄', '江东大道', 3], ['义蓬', '义蓬路', 3],
      ['新湾', '新湾路', 3], ['临江', '临江路', 3], ['前进', '前进路', 3],
    ],
    communities: [
      ['高沙小区', '高沙路', 1], ['月雅城', '学林街', 1], ['云水苑', '文泽路', 1], ['下沙新苑', '下沙路', 1],
      ['金沙湖花园', '金沙大道', 2], ['听潮苑', '学源街', 2], ['白杨家园', '白杨街', 2],
      ['义蓬新苑', '义蓬路', 3], ['河庄家园', '江东大道', 3],
    ],
  },
];

interface Community {
  name: string;
  street: string;
  district: District;
  serviceArea: string;
  buildings: number;
  units: number;
  floors: number;
  roomsPerFloor: number;
}

/** Endings of community names; each subdistrict lends its name to seven of them, so a district has dozens of communities. */
const COMMUNITY_ENDINGS = ['新村', '花园', '家园', '嘉苑', '名苑', '雅苑', '公寓', '小区', '景苑', '新苑'];
const NAMED_PER_SUBDISTRICT = 7;

const PHASES = ['', '二期', '三期', '四期', '五期', '六期', '七期', '八期', '九期', '十期'];

/**
 * Each community's layout is fixed (not seeded), like a real estate: walk-up 新村/小区 of 5–7
 * floors with two flats per landing, and newer 花园/家园/苑 towers of 11 or 18 floors, two or three
 * units and two to four flats per landing. A name is used once in the whole city.
 */
const COMMUNITIES: readonly Community[] = (() => {
  const taken = new Set(DISTRICTS.flatMap((d) => d.communities.map(([name]) => name)));
  return DISTRICTS.flatMap((district) => {
    const named = district.subdistricts.flatMap(([subdistrict, road, group]) => {
      const rng = new Rng(hashString(subdistrict));
      const endings = [...COMMUNITY_ENDINGS];
      for (let k = endings.length - 1; k > 0; k--) {
        const j = rng.int(k + 1);
        [endings[k], endings[j]] = [endings[j]!, endings[k]!];
      }
      const fresh = endings.map((ending) => subdistrict + ending).filter((name) => !taken.has(name)).slice(0, NAMED_PER_SUBDISTRICT);
      fresh.forEach((name) => taken.add(name));
      return fresh.map((name): [string, string, number] => [name, road, group]);
    });
    return [...district.communities, ...named].map(([name, street, group]) => {
      const rng = new Rng(hashString(name));
      const walkUp = /(新村|小区|[一二三四五]区|人家)$/.test(name);
      return {
        name,
        street,
        district,
        serviceArea: `${district.code}-${String(group).padStart(2, '0')}`,
        buildings: 10 + rng.int(21),
        units: walkUp ? 2 + rng.int(3) : 2 + rng.int(2),
        floors: walkUp ? 5 + rng.int(3) : rng.pick([11, 18, 18]),
        roomsPerFloor: walkUp ? 2 : 2 + rng.int(3),
      };
    });
  });
})();
const COMMUNITY_FLATS = (() => {
  const cumulative = new Float64Array(COMMUNITIES.length);
  let total = 0;
  COMMUNITIES.forEach((c, k) => (cumulative[k] = total += c.buildings * c.units * c.floors * c.roomsPerFloor));
  return cumulative;
})();
const FLAT_CAPACITY = COMMUNITY_FLATS[COMMUNITY_FLATS.length - 1]!;

// ---------------------------------------------------------------------------------------------
// Businesses

/** Trade names are mostly two auspicious characters; a few well-worn ones (知味, 东坡) are kept whole. */
const BRAND_CHARS = [
  '华', '鑫', '恒', '瑞', '泰', '丰', '盛', '达', '隆', '源', '昌', '兴', '宏', '嘉', '和', '祥', '福', '顺', '永', '金', '通', '德',
  '信', '荣', '新', '宇', '博', '远', '康', '宁', '安', '佳', '汇', '中', '天', '海', '诚', '创', '辰', '益', '合', '正', '东', '明',
  '润', '美', '卓', '凯', '晟', '联', '锦', '满', '茂', '腾', '旺', '发', '富', '贵', '悦', '欣', '峰', '越', '之', '杭',
];
const BRANDS = [
  '知味', '新丰', '味庄', '金沙', '东坡', '锦华', '恒隆', '宏达', '鑫源', '瑞丰', '华鼎', '嘉和', '同福', '天和', '荣昌', '永安',
  '明珠', '万福', '聚福', '和顺', '祥和', '顺发', '江南', '湖畔', '钱塘', '西子', '之江', '吴越', '运河', '富春', '新安', '九溪',
  '曙光', '华强', '永盛', '恒泰', '德润', '金诚', '华辰', '天成', '海纳', '博远', '盛世', '康达', '新宇', '远航', '梅家', '龙坞',
];
const EATERIES = ['面馆', '片儿川面馆', '馄饨店', '小吃店', '快餐店', '包子铺', '小笼包店', '烧烤店', '火锅店', '早餐店', '羊肉馆', '土菜馆'];
const COMMERCE = ['餐饮有限公司', '餐饮管理有限公司', '酒店有限公司', '食品有限公司', '烘焙有限公司', '洗涤服务有限公司', '宾馆有限公司', '茶楼有限公司'];
const INDUSTRIES = ['纺织', '印染', '食品', '机械', '新材料', '化纤', '陶瓷', '玻璃制品', '汽车零部件', '热处理', '铸造', '橡胶制品', '包装材料', '塑业', '电器', '五金', '家具', '酿造'];
const SCHOOL_NAMES = ['学军', '求是', '胜利', '天长', '崇文', '行知', '育才', '启正', '星澜', '文澜', '钱塘', '春晖'];
const SCHOOLS = ['小学', '小学', '中学', '实验学校', '幼儿园'];

/** Characters of unified social credit codes (GB 32100): digits and capitals without I O S V Z. */
const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_VALUES = Array.from({ length: 128 }, (_, code) => CREDIT_CHARS.indexOf(String.fromCharCode(code)));
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const ORG_BODY_SPACE = 1e8;

/** Organisation code (GB 11714): eight digits and a MOD 11 check, X for 10. */
function organisationCode(body: string): string {
  let sum = 0;
  for (let k = 0; k < 8; k++) sum += (body.charCodeAt(k) - 48) * ORG_WEIGHTS[k]!;
  const check = 11 - (sum % 11);
  return body + (check === 10 ? 'X' : check === 11 ? '0' : String(check));
}

function creditCode(first17: string): string {
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += CREDIT_VALUES[first17.charCodeAt(k)]! * CREDIT_WEIGHTS[k]!;
  return first17 + CREDIT_CHARS[(31 - (sum % 31)) % 31];
}

// ---------------------------------------------------------------------------------------------

const STREAM = { name: 1, share: 2, second: 3, business: 4, relative: 5, lender: 6, ids: 11, mobiles: 12, landlines: 13, flats: 14, licenses: 15 } as const;
const SHARED_PHONE_EVERY = 40;
const SECOND_PHONE_EVERY = 8;
/** How far back a borrowing customer looks for the customer whose phone it lists. */
const LENDER_WINDOW = 5;

/**
 * A deterministic source of demo people, businesses, addresses and phones. Same seed, same output;
 * each method is a pure function of the index and costs a few microseconds, so a million
 * customers take a couple of seconds.
 *
 * @param seed any number; its 32-bit integer value is what counts.
 * @throws RangeError when `asOf` is not a YYYY-MM-DD date.
 */
export function createDemoPeople(seed: number, options: DemoPeopleOptions = {}): DemoPeople {
  const key = Math.trunc(seed) >>> 0;
  const asOf = options.asOf ?? '2026-01-01';
  const days = birthDays(asOf);
  const asOfYear = Number(asOf.slice(0, 4));
  const personCapacity = days.cumulative[days.cumulative.length - 1]!;
  const idSlot = permutation(personCapacity, keyOf(key, STREAM.ids, 0));
  const mobileSlot = permutation(MOBILE_SPACE, keyOf(key, STREAM.mobiles, 0));
  const landlineSlot = permutation(LANDLINE_SPACE, keyOf(key, STREAM.landlines, 0));
  const flatSlot = permutation(FLAT_CAPACITY, keyOf(key, STREAM.flats, 0));
  const licenseSlot = permutation(ORG_BODY_SPACE, keyOf(key, STREAM.licenses, 0));

  const check = (i: number): void => {
    if (!Number.isSafeInteger(i) || i < 0) throw new RangeError(`a demo index is a non-negative integer, not ${i}`);
  };

  const mobileAt = (slot: number): string => {
    const v = mobileSlot(slot);
    return MOBILE_PREFIXES[Math.floor(v / 1e8)]! + String(v % 1e8).padStart(8, '0');
  };
  // Even slots are customers' own phones, odd ones their relatives' and businesses', so the two never meet.
  const ownMobile = (i: number): string => mobileAt(2 * i);
  const landlineAt = (slot: number): string => `0571-8${String(landlineSlot(slot) + 1e6)}`;

  const identity = (i: number): { person: DemoPerson; surname: string } => {
    check(i);
    const slot = idSlot(i);
    const day = firstAtOrAbove(days.cumulative, slot);
    const offset = slot - (day === 0 ? 0 : days.cumulative[day - 1]!);
    const region = ID_REGIONS[offset % ID_REGIONS.length]!;
    const rest = Math.floor(offset / ID_REGIONS.length);
    const gender: Gender = rest % 2 === 1 ? 'M' : 'F';
    const sequence = String(Math.floor(rest / 2) * 2 + (gender === 'M' ? 1 : 0)).padStart(3, '0');
    const birthDate = days.labels[day]!;
    const first17 = region + birthDate.slice(0, 4) + birthDate.slice(5, 7) + birthDate.slice(8, 10) + sequence;
    const rng = new Rng(keyOf(key, STREAM.name, i));
    const surname = surnameOf(rng);
    const name = surname + givenName(rng, gender, days.years[day]!);
    return { person: { name, gender, birthDate, idNumber: first17 + residentIdCheck(first17), mobile: ownMobile(i) }, surname };
  };
  const person = (i: number): DemoPerson => identity(i).person;

  const borrows = (i: number): boolean => i > 0 && keyOf(key, STREAM.share, i) % (2 * SHARED_PHONE_EVERY) === 0;

  const phoneSharedWith = (i: number): number | null => {
    check(i);
    if (!borrows(i)) return null;
    let lender = i;
    // A lender that itself borrows passes on its own lender, so the phone stays one that somebody owns.
    do lender -= 1 + (keyOf(key, STREAM.lender, lender) % Math.min(lender, LENDER_WINDOW));
    while (borrows(lender));
    return lender;
  };

  const phones = (i: number): DemoPhone[] => {
    const lender = phoneSharedWith(i);
    const rng = new Rng(keyOf(key, STREAM.second, i));
    const entries: DemoPhone[] = [
      lender === null
        ? { number: ownMobile(i), label: 'mobile', contactName: null, relation: null }
        : { number: ownMobile(lender), label: 'mobile', contactName: person(lender).name, relation: rng.chance(0.5) ? '房东' : '亲属' },
    ];
    if (rng.int(SECOND_PHONE_EVERY) !== 0) return entries;
    const { person: holder, surname: holderSurname } = identity(i);
    const age = asOfYear - Number(holder.birthDate.slice(0, 4));
    const landlineShare = age >= 60 ? 0.4 : age >= 35 ? 0.5 : 0.2;
    if (rng.chance(landlineShare)) {
      entries.push({ number: landlineAt(2 * i), label: 'home', contactName: null, relation: null });
      return entries;
    }
    const [relation, fixed] = rng.pick(RELATIONS_BY_AGE.find(([from]) => age >= from)![1]);
    const gender: Gender = fixed ?? (holder.gender === 'M' ? 'F' : 'M');
    // Children and the father carry the family surname when the holder is a man; spouses and in-laws bring their own.
    const sameSurname = holder.gender === 'M' && ['儿子', '女儿', '孙子', '孙女', '父亲'].includes(relation);
    const relativeRng = new Rng(keyOf(key, STREAM.relative, i));
    const surname = sameSurname ? holderSurname : surnameOf(relativeRng);
    const birthYear = Number(holder.birthDate.slice(0, 4)) + ({ 儿子: 28, 女儿: 28, 儿媳: 28, 女婿: 28, 孙子: 55, 孙女: 55, 父亲: -28, 母亲: -26 }[relation] ?? 0);
    entries.push({ number: mobileAt(2 * i + 1), label: 'mobile', contactName: surname + givenName(relativeRng, gender, birthYear), relation });
    return entries;
  };

  /** The community of flat i and the flat's number inside it. */
  const flatOf = (i: number): { c: Community; n: number } => {
    check(i);
    const flat = flatSlot(i);
    const at = firstAtOrAbove(COMMUNITY_FLATS, flat);
    return { c: COMMUNITIES[at]!, n: flat - (at === 0 ? 0 : COMMUNITY_FLATS[at - 1]!) };
  };

  const address = (i: number): DemoAddress => {
    const { c, n: number } = flatOf(i);
    const phase = Math.floor(i / FLAT_CAPACITY) % PHASES.length;
    let n = number;
    const door = (n % c.roomsPerFloor) + 1;
    n = Math.floor(n / c.roomsPerFloor);
    const floor = (n % c.floors) + 1;
    n = Math.floor(n / c.floors);
    const unit = (n % c.units) + 1;
    const building = Math.floor(n / c.units) + 1;
    return {
      district: c.district.name,
      community: c.name + PHASES[phase],
      building: `${building}幢`,
      unit: `${unit}单元`,
      room: `${floor}${String(door).padStart(2, '0')}室`,
      street: c.street,
      serviceArea: c.serviceArea,
    };
  };

  const business = (i: number): DemoBusiness => {
    const { c } = flatOf(i);
    const district = c.district;
    const rng = new Rng(keyOf(key, STREAM.business, i));
    const body = String(licenseSlot(i)).padStart(8, '0');
    const code = district.division + organisationCode(body);
    const phone = landlineAt(2 * i + 1);
    const roll = rng.next();
    const brand = rng.chance(0.2) ? rng.pick(BRANDS) : rng.pick(BRAND_CHARS) + rng.pick(BRAND_CHARS);
    if (roll < 0.8) {
      const style = rng.next();
      if (style < 0.3) {
        // 个体工商户: a family eatery named after its owner.
        const owner = surnameOf(rng);
        const name = `${district.name}${rng.chance(0.5) ? `老${owner}` : `${owner}记`}${rng.pick(EATERIES)}`;
        return { name, category: 'commercial', licenseNumber: creditCode(`92${code}`), phone };
      }
      const name = style < 0.45 ? `杭州${brand}餐饮管理有限公司${c.street}店` : `杭州${brand}${rng.pick(COMMERCE)}`;
      return { name, category: 'commercial', licenseNumber: creditCode(`91${code}`), phone };
    }
    if (roll < 0.92) {
      const name = `${rng.chance(0.5) ? '浙江' : '杭州'}${brand}${rng.pick(INDUSTRIES)}${rng.chance(0.25) ? '股份有限公司' : '有限公司'}`;
      return { name, category: 'industrial', licenseNumber: creditCode(`91${code}`), phone };
    }
    const subdistrict = rng.pick(district.subdistricts)[0];
    const kind = rng.int(4);
    if (kind === 0) return { name: `${district.name}${subdistrict}街道社区卫生服务中心`, category: 'public_welfare', licenseNumber: creditCode(`12${code}`), phone };
    if (kind === 1) {
      const home = rng.chance(0.5) ? `${district.name}社会福利院` : `${district.name}${subdistrict}街道养老服务中心`;
      return { name: home, category: 'public_welfare', licenseNumber: creditCode((rng.chance(0.7) ? '12' : '52') + code), phone };
    }
    const school = `杭州市${rng.chance(0.5) ? rng.pick(SCHOOL_NAMES) : c.street}${rng.pick(SCHOOLS)}`;
    return { name: school, category: 'public_welfare', licenseNumber: creditCode(`12${code}`), phone };
  };

  return {
    seed: key,
    sharedPhoneEvery: SHARED_PHONE_EVERY,
    secondPhoneEvery: SECOND_PHONE_EVERY,
    personCapacity,
    addressCapacity: FLAT_CAPACITY,
    person,
    business,
    address,
    phones,
    phoneSharedWith,
  };
}
