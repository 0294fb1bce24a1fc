/** Chinese person names (with pinyin for e-mail addresses), mobile and landline numbers. */
import { cumulative, type Rng } from './random';

export interface PersonName {
  name: string;
  /** ASCII local part for e-mail addresses, e.g. 'wei.zhang'. */
  mail: string;
}

type Syllable = readonly [hanzi: string, pinyin: string];
const syllables = (s: string): Syllable[] =>
  s
    .trim()
    .split(/\s+/)
    .map((pair) => {
      const [h, p] = pair.split(':');
      return [h, p] as const;
    });

/** The most common surnames, in rough order of frequency. */
const SURNAMES = syllables(`
  王:wang 李:li 张:zhang 刘:liu 陈:chen 杨:yang 黄:huang 赵:zhao 吴:wu 周:zhou 徐:xu 孙:sun 马:ma 朱:zhu 胡:hu
  郭:guo 何:he 高:gao 林:lin 罗:luo 郑:zheng 梁:liang 谢:xie 宋:song 唐:tang 许:xu 韩:han 冯:feng 邓:deng 曹:cao
  彭:peng 曾:zeng 肖:xiao 田:tian 董:dong 袁:yuan 潘:pan 于:yu 蒋:jiang 蔡:cai 余:yu 杜:du 叶:ye 程:cheng 苏:su
  魏:wei 吕:lv 丁:ding 任:ren 沈:shen 姚:yao 卢:lu 姜:jiang 崔:cui 钟:zhong 谭:tan 陆:lu 汪:wang 范:fan 金:jin
  石:shi 廖:liao 贾:jia 夏:xia 韦:wei 方:fang 白:bai 邹:zou 孟:meng 熊:xiong 秦:qin 邱:qiu 江:jiang 尹:yin 薛:xue
  段:duan 雷:lei 侯:hou 龙:long 史:shi 贺:he 顾:gu 毛:mao 郝:hao 龚:gong 邵:shao 万:wan 钱:qian 严:yan 武:wu 戴:dai
`);
const SURNAME_WEIGHTS = cumulative(SURNAMES.map((_, i) => 1 / Math.pow(i + 1, 0.7)));

const GIVEN = syllables(`
  伟:wei 芳:fang 娜:na 敏:min 静:jing 丽:li 强:qiang 磊:lei 军:jun 洋:yang 勇:yong 艳:yan 杰:jie 娟:juan 涛:tao
  明:ming 超:chao 秀:xiu 霞:xia 平:ping 刚:gang 英:ying 华:hua 玉:yu 萍:ping 红:hong 鹏:peng 辉:hui 婷:ting 宇:yu
  浩:hao 凯:kai 健:jian 俊:jun 帆:fan 晨:chen 欣:xin 怡:yi 佳:jia 琳:lin 雪:xue 博:bo 文:wen 斌:bin 峰:feng
  建:jian 国:guo 志:zhi 海:hai 亮:liang 波:bo 宁:ning 慧:hui 倩:qian 颖:ying 晶:jing 璐:lu 思:si 梦:meng 嘉:jia
  子:zi 轩:xuan 诗:shi 雨:yu 泽:ze 昊:hao 然:ran 睿:rui 晓:xiao 梅:mei 兰:lan 琴:qin 燕:yan 云:yun 飞:fei 鑫:xin
`);

/** A full name of one surname and one or two given-name characters. */
export function personName(rng: Rng): PersonName {
  const [sh, sp] = SURNAMES[rng.weighted(SURNAME_WEIGHTS)];
  const [g1h, g1p] = rng.pick(GIVEN);
  if (rng.chance(0.4)) return { name: sh + g1h, mail: `${g1p}.${sp}` };
  const [g2h, g2p] = rng.pick(GIVEN);
  return { name: sh + g1h + g2h, mail: rng.chance(0.5) ? `${g1p}${g2p}.${sp}` : `${sp}${g1p}${g2p}` };
}

/** Carrier prefixes of mainland mobile numbers (13x-19x). */
const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '147',
  '150',
  '151',
  '152',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '173',
  '176',
  '177',
  '180',
  '181',
  '182',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '198',
  '199',
];

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
}

export function mobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + digits(rng, 8);
}

/** An 8-digit landline after the city's area code, sometimes with an extension (转). */
export function landline(rng: Rng, areaCode: string): string {
  const number = `${areaCode}-${rng.int(2, 8)}${digits(rng, 7)}`;
  return rng.chance(0.15) ? `${number}转${rng.int(100, 899)}` : number;
}

/** Job titles, the first few typical of a primary (decision-making) contact. */
export const PRIMARY_TITLES = ['总经理', '采购经理', '信息部经理', '副总经理', '运营总监', 'IT 总监'] as const;
export const OTHER_TITLES = [
  '技术总监',
  '财务经理',
  '销售总监',
  '行政经理',
  '项目经理',
  '采购专员',
  '信息主管',
  '市场经理',
  '人事经理',
  '产品经理',
  '工程师',
  '财务专员',
  '总经理助理',
  '董事长',
] as const;
